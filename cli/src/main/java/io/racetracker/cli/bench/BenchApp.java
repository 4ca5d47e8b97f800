package io.racetracker.cli.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.racetracker.core.model.Models;
import io.racetracker.core.topic.Topics;
import io.racetracker.streams.FormatLocale;
import io.racetracker.streams.TrackerService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * One streams application of the benchmark, in a JVM of its own so that its heap and resident set are its own.
 * {@code BenchApp tracker|pass-through PROPERTIES [topic:recordsPerRead:valueBytes ...]}.
 *
 * <p>Talks to the benchmark by lines: prints {@code running} once the app is running; on {@code stats} on stdin it
 * collects garbage and prints {@code stats <heap used> <peak heap after any GC> <heap max>} in bytes; on
 * {@code written} it prints {@code written <topic> <records> <bytes>} per topic its producers wrote, then
 * {@code written-end}; on {@code stop} or the end of stdin it closes the app and exits.
 *
 * <p>With {@code -D}{@value #WARMUP_SECONDS}{@code =N} the same app first runs for at least N seconds under an
 * application id of its own ({@code <id>-warmup-1}, its own state and internal topics) on the same input, and on until
 * the JIT compiler is quiet (at most {@code -D}{@value #WARMUP_MAX_SECONDS} seconds), and is closed, before the measured
 * app starts: the JVM has then compiled its hot code, as it has a few minutes into a race, and the measured app starts
 * from the beginning of its input with nothing of the warm-up's state. It prints {@code warmed <seconds> <apps>} before
 * {@code running}; on {@code allocated} it prints the bytes its threads allocated on the heap since it was running.
 */
public final class BenchApp {
    static final String WARMUP_SECONDS = "bench.warmup.seconds";
    static final String WARMUP_MAX_SECONDS = "bench.warmup.max.seconds";
    /** The JIT compiler counts as quiet below this share of one core over {@link #QUIET_WINDOW}. */
    static final double QUIET_COMPILER_SHARE = 0.05;
    static final Duration QUIET_WINDOW = Duration.ofSeconds(10);

    private BenchApp() {
    }

    public static void main(final String[] args) throws Exception {
        // as the tracker's own launcher does (RaceTrackerCli): the app measured is the app as it runs
        FormatLocale.pinWhereNothingChanges();
        final Properties config = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8)) {
            config.load(in);
        }
        final Warmup warmup = warmUp(args, config, Long.getLong(WARMUP_SECONDS, 0), Long.getLong(WARMUP_MAX_SECONDS, 0));
        System.out.printf(Locale.ROOT, "warmed %.1f %d%n", warmup.seconds(), warmup.rounds());
        // the warm-up's apps are closed, but their state (the whole race's, in memory) is still in the old generation:
        // collected now, so that the app measured does not pay for clearing it, more the bigger the field
        System.gc();
        final AtomicLong peakAfterGc = watchHeapAfterGc();
        final KafkaStreams streams = startOrExit(app(args, config));
        final Map<Long, Long> allocatedBefore = allocatedByThread();
        System.out.println("running");
        System.out.flush();
        final BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = commands.readLine(); line != null && !"stop".equals(line); line = commands.readLine()) {
            switch (line) {
                case "stats" -> {
                    System.gc();
                    final MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                    System.out.printf("stats %d %d %d%n", heap.getUsed(), Math.max(peakAfterGc.get(), heap.getUsed()),
                            heap.getMax());
                }
                case "written" -> {
                    written(streams).forEach((topic, writes) ->
                            System.out.printf("written %s %d %d%n", topic, writes.records(), writes.bytes()));
                    System.out.println("written-end");
                }
                case "allocated" -> {
                    final long since = allocatedByThread().entrySet().stream()
                            .mapToLong(e -> e.getValue() - allocatedBefore.getOrDefault(e.getKey(), 0L)).sum();
                    System.out.println("allocated " + since);
                }
                default -> System.out.println("unknown " + line);
            }
            System.out.flush();
        }
        streams.close(Duration.ofSeconds(30));
        System.out.println("stopped");
        System.exit(0);
    }

    /**
     * How long the warm-up ran (its apps' starts included, the last one's close not), and how many apps it took (each
     * goes through the race once from the start).
     */
    record Warmup(double seconds, int rounds) {
    }

    /**
     * Runs the app under warm-up application ids ({@code <id>-warmup-N}) for at least {@code minSeconds}, and on until
     * the JIT compiler has been quiet for {@link #QUIET_WINDOW} or {@code maxSeconds} have passed (checked every second,
     * once the app of the moment has started): a JVM a few minutes
     * into a race has compiled its hot code, and a tracker, with far more code than the pass-through, takes longer to
     * get there. An app that has gone through the whole race is replaced by a fresh one from the start, so that the
     * warm-up keeps seeing the race's every stage. Each app is closed and its state removed before the next.
     */
    private static Warmup warmUp(final String[] args, final Properties config, final long minSeconds, final long maxSeconds)
            throws InterruptedException {
        if (minSeconds <= 0) {
            return new Warmup(0, 0);
        }
        final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        final long started = System.nanoTime();
        final long minNanos = TimeUnit.SECONDS.toNanos(minSeconds);
        final long maxNanos = TimeUnit.SECONDS.toNanos(Math.max(minSeconds, maxSeconds));
        final Deque<long[]> compiled = new ArrayDeque<>();
        compiled.add(new long[] {started, jit.getTotalCompilationTime()});
        int rounds = 0;
        try (Admin admin = Admin.create(adminConfig(config))) {
            while (true) {
                rounds++;
                final Properties warmup = new Properties();
                warmup.putAll(config);
                final String id = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + "-warmup-" + rounds;
                warmup.put(StreamsConfig.APPLICATION_ID_CONFIG, id);
                final KafkaStreams streams = startOrExit(app(args, warmup));
                final GroupProgress progress = new GroupProgress(admin, id);
                boolean warm = false;
                boolean raceDone = false;
                while (!warm && !raceDone) {
                    TimeUnit.SECONDS.sleep(1);
                    final long now = System.nanoTime();
                    compiled.addLast(new long[] {now, jit.getTotalCompilationTime()});
                    while (now - compiled.peekFirst()[0] > QUIET_WINDOW.toNanos()) {
                        compiled.removeFirst();
                    }
                    final long[] first = compiled.peekFirst();
                    final boolean windowFull = now - started >= QUIET_WINDOW.toNanos();
                    final double compilerShare = (compiled.peekLast()[1] - first[1]) * 1e6 / Math.max(1, now - first[0]);
                    final long elapsed = now - started;
                    warm = elapsed >= maxNanos || (elapsed >= minNanos && windowFull && compilerShare < QUIET_COMPILER_SHARE);
                    raceDone = progress.topicDone(Topics.RACE_SPLITS.name());
                }
                final double seconds = (System.nanoTime() - started) / 1e9;
                streams.close(Duration.ofSeconds(30));
                streams.cleanUp();
                if (warm) {
                    return new Warmup(seconds, rounds);
                }
            }
        }
    }

    private static Properties adminConfig(final Properties streams) {
        final Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, streams.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        streams.stringPropertyNames().stream().filter(k -> k.startsWith("security.") || k.startsWith("sasl.") || k.startsWith("ssl."))
                .forEach(k -> admin.put(k, streams.getProperty(k)));
        return admin;
    }

    /** Bytes each live thread of this JVM has allocated on the heap so far, by thread id. */
    private static Map<Long, Long> allocatedByThread() {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long[] ids = threads.getAllThreadIds();
        final long[] bytes = threads.getThreadAllocatedBytes(ids);
        final Map<Long, Long> byThread = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                byThread.put(ids[i], bytes[i]);
            }
        }
        return byThread;
    }

    private static KafkaStreams app(final String[] args, final Properties config) {
        if ("tracker".equals(args[0])) {
            return new TrackerService(config, Models.live()).streams();
        }
        return new KafkaStreams(PassThroughTopology.build(Arrays.stream(args, 2, args.length)
                .map(PassThroughTopology.Output::parse).toList()), config);
    }

    /** Starts the app and waits until it runs; exits the JVM if it does not within two minutes. */
    private static KafkaStreams startOrExit(final KafkaStreams streams) throws InterruptedException {
        final CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        if (!running.await(120, TimeUnit.SECONDS)) {
            System.out.println("failed not running after 120 s: " + streams.state());
            streams.close(Duration.ofSeconds(10));
            System.exit(2);
        }
        return streams;
    }

    /** Records and bytes (as batched on the wire) that this app's producers sent, by topic, changelogs included. */
    static Map<String, Writes> written(final KafkaStreams streams) {
        final Map<String, Writes> byTopic = new TreeMap<>();
        for (final Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            final MetricName name = e.getKey();
            if (!"producer-topic-metrics".equals(name.group())) {
                continue;
            }
            final long value = (long) ((Number) e.getValue().metricValue()).doubleValue();
            final Writes counted = switch (name.name()) {
                case "record-send-total" -> new Writes(value, 0);
                case "byte-total" -> new Writes(0, value);
                default -> null;
            };
            if (counted != null) {
                byTopic.merge(name.tags().get("topic"), counted, Writes::plus);
            }
        }
        return byTopic;
    }

    /** The largest heap in use right after any collection: the live set, without forcing a collection. */
    private static AtomicLong watchHeapAfterGc() {
        final AtomicLong peak = new AtomicLong();
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        return;
                    }
                    final GarbageCollectionNotificationInfo info =
                            GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    final long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                            .filter(pool -> isHeap(pool.getKey()))
                            .mapToLong(pool -> pool.getValue().getUsed()).sum();
                    peak.accumulateAndGet(used, Math::max);
                }, null, null);
            }
        }
        return peak;
    }

    private static boolean isHeap(final String pool) {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .anyMatch(p -> p.getName().equals(pool) && p.getType() == MemoryType.HEAP);
    }
}
