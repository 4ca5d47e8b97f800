package io.racetracker.cli.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.racetracker.core.model.Models;
import io.racetracker.streams.TrackerService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
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
 * <p>With {@code -D}{@value #WARMUP_SECONDS}{@code =N} the same app first runs for N seconds under an application id
 * of its own ({@code <id>-warmup}, its own state and internal topics) on the same input, and is closed, before the
 * measured app starts: the JVM has then compiled its hot code, as it has a few minutes into a race, and the measured
 * app starts from the beginning of its input with nothing of the warm-up's state.
 */
public final class BenchApp {
    static final String WARMUP_SECONDS = "bench.warmup.seconds";

    private BenchApp() {
    }

    public static void main(final String[] args) throws Exception {
        final Properties config = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8)) {
            config.load(in);
        }
        final long warmupSeconds = Long.getLong(WARMUP_SECONDS, 0);
        if (warmupSeconds > 0) {
            final Properties warmup = new Properties();
            warmup.putAll(config);
            warmup.put(StreamsConfig.APPLICATION_ID_CONFIG, config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + "-warmup");
            final KafkaStreams streams = startOrExit(app(args, warmup));
            TimeUnit.SECONDS.sleep(warmupSeconds);
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
        }
        final AtomicLong peakAfterGc = watchHeapAfterGc();
        final KafkaStreams streams = startOrExit(app(args, config));
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
                default -> System.out.println("unknown " + line);
            }
            System.out.flush();
        }
        streams.close(Duration.ofSeconds(30));
        System.out.println("stopped");
        System.exit(0);
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
