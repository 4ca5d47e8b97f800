package io.racetracker.streams.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.racetracker.core.topic.Topics;
import io.racetracker.streams.intake.CourseTable;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The app's metrics in Prometheus format: Kafka Streams' own (through Micrometer's binder), the dashboard consumer's,
 * the JVM's and the process's (memory, GC, threads, CPU, uptime), and the tracker's, which are counted from the
 * committed outputs as the dashboard feed reads them, so that no topology operator does any of this work.
 *
 * <p>Every instance's dashboard feed reads every partition of the output topics, so if each counted all it read, the
 * sum over two instances would be twice the truth. The tracker's counters and the lag histogram therefore count only
 * records written since this process started (like any Prometheus counter, they start from zero with the process),
 * and of those only the records of the partitions whose tasks this instance runs (partition {@code p} of an output topic goes with partition
 * {@code p} of {@code race-splits}: the athlete-keyed topics are co-partitioned): summed over instances, each record
 * is counted once, so {@code sum(rate(..))} and {@code histogram_quantile(.., sum by (le) (rate(.._bucket[..])))} are
 * right for the whole app. Leaderboards are keyed by race and category, so which instance counts one follows its key,
 * not the instance that wrote it; the sum is still right. While tasks move (a rebalance) a record may go uncounted or
 * be counted by two instances. Without a streams client (tests) everything read is counted.
 * <ul>
 *   <li>{@code racetracker_reads_accepted_total}: records on {@code athlete-projections} (one per accepted read)</li>
 *   <li>{@code racetracker_reads_duplicate_total}: growth of {@code duplicateReads} on {@code athlete-state}</li>
 *   <li>{@code racetracker_dead_letters_total{code}}: records on {@code race-dead-letters}, by reason</li>
 *   <li>{@code racetracker_reads_in_total}: the sum of the three, every input the app has dealt with</li>
 *   <li>{@code racetracker_outputs_total{topic}}: committed records per output topic</li>
 *   <li>{@code racetracker_end_to_end_lag_seconds}: a histogram ({@code _bucket{le}}, {@code _sum}, {@code _count})
 *       from a mat read's record timestamp (when it was produced) to the moment its committed projection reached this
 *       dashboard, for projections written after the server started; fixed buckets from 10 ms to 5 min, the same on
 *       every instance, so that instances add up</li>
 *   <li>{@code racetracker_bad_courses_total}: records on {@code race-courses} skipped because they are not a
 *       readable course (the global thread cannot dead-letter them; each is logged with its offset)</li>
 *   <li>{@code racetracker_dashboard_clients}, {@code racetracker_dashboard_clients_dropped_total}: SSE clients
 *       connected, and dropped for falling too far behind</li>
 * </ul>
 */
public final class DashboardMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter accepted;
    private final Counter duplicates;
    private final AtomicLong deadLetters = new AtomicLong();
    private final Timer lag;
    private final AtomicInteger clients = new AtomicInteger();
    private final Counter dropped;
    private final JvmGcMetrics jvmGc;
    private KafkaStreamsMetrics streamsMetrics;
    private volatile KafkaStreams streams;
    private volatile Set<Integer> owned = Set.of();
    private volatile long ownedAtNanos;
    private KafkaClientMetrics consumerMetrics;

    /** The lag histogram's buckets: a mat read shown within 10 ms up to 5 minutes. */
    private static final Duration[] LAG_BUCKETS = Stream.of(10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000,
            30_000, 60_000, 300_000).map(Duration::ofMillis).toArray(Duration[]::new);
    /** How long the partitions this instance owns are taken as known before they are asked for again. */
    private static final long OWNED_FOR_NANOS = TimeUnit.SECONDS.toNanos(1);

    public DashboardMetrics() {
        accepted = Counter.builder("racetracker.reads.accepted")
                .description("Mat reads accepted by the tracker (records on athlete-projections)").register(registry);
        duplicates = Counter.builder("racetracker.reads.duplicate")
                .description("Repeated reads of an already-counted crossing").register(registry);
        FunctionCounter.builder("racetracker.reads.in", this,
                        m -> m.accepted.count() + m.duplicates.count() + m.deadLetters.get())
                .description("Inputs dealt with: accepted, duplicate or dead-lettered").register(registry);
        lag = Timer.builder("racetracker.end.to.end.lag")
                .description("From a read's record timestamp to its committed projection reaching the dashboard")
                .serviceLevelObjectives(LAG_BUCKETS)
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        jvmGc = new JvmGcMetrics();
        jvmGc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("racetracker.dashboard.clients", clients, AtomicInteger::get)
                .description("Connected server-sent-event clients").register(registry);
        dropped = Counter.builder("racetracker.dashboard.clients.dropped")
                .description("Clients disconnected because they fell too far behind").register(registry);
        for (final Kind kind : Kind.values()) {
            outputs(kind.topic().name());
        }
        outputs(io.racetracker.core.topic.Topics.RACE_DEAD_LETTERS.name());
    }

    /** Adds Kafka Streams' own metrics (threads, tasks, processors, stores, clients). */
    public synchronized void bindStreams(final KafkaStreams streams) {
        this.streams = streams;
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        FunctionCounter.builder("racetracker.bad.courses", streams, DashboardMetrics::badCourses)
                .description("Records on race-courses skipped because they cannot be read as a course").register(registry);
    }

    private static double badCourses(final KafkaStreams streams) {
        return streams.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals(CourseTable.METRIC_GROUP)
                        && e.getKey().name().equals(CourseTable.BAD_COURSES_METRIC))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue()).sum();
    }

    /**
     * Whether this instance counts the records of partition {@code partition} of an output topic: it runs the task of
     * that partition of {@code race-splits} (or there is no streams client to ask).
     */
    boolean owns(final int partition) {
        final KafkaStreams client = streams;
        if (client == null) {
            return true;
        }
        final long now = System.nanoTime();
        if (now - ownedAtNanos > OWNED_FOR_NANOS) {
            owned = ownedPartitions(client);
            ownedAtNanos = now;
        }
        return owned.contains(partition);
    }

    private static Set<Integer> ownedPartitions(final KafkaStreams client) {
        try {
            return client.metadataForLocalThreads().stream()
                    .flatMap(thread -> thread.activeTasks().stream())
                    .flatMap(task -> task.topicPartitions().stream())
                    .filter(tp -> tp.topic().equals(Topics.RACE_SPLITS.name()))
                    .map(TopicPartition::partition)
                    .collect(Collectors.toUnmodifiableSet());
        } catch (final RuntimeException e) {
            return Set.of();
        }
    }

    /** The dashboard consumer's metrics; a consumer started again replaces the one before. */
    synchronized void bindConsumer(final Consumer<?, ?> consumer) {
        if (consumerMetrics != null) {
            consumerMetrics.close();
        }
        consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(registry);
    }

    void output(final String topic) {
        outputs(topic).increment();
    }

    private Counter outputs(final String topic) {
        return Counter.builder("racetracker.outputs").tag("topic", topic)
                .description("Committed records seen on each output topic").register(registry);
    }

    /** An accepted read; {@code producedAtMs} is its record timestamp, or negative when it is not a live record. */
    void acceptedRead(final long producedAtMs) {
        accepted.increment();
        if (producedAtMs >= 0) {
            lag.record(Math.max(0, System.currentTimeMillis() - producedAtMs), TimeUnit.MILLISECONDS);
        }
    }

    void duplicates(final long count) {
        duplicates.increment(count);
    }

    void deadLetter(final String code) {
        deadLetters.incrementAndGet();
        Counter.builder("racetracker.dead.letters").tag("code", code)
                .description("Rejected inputs by reason").register(registry).increment();
    }

    void clients(final int connected) {
        clients.set(connected);
    }

    void clientDropped() {
        dropped.increment();
    }

    /** Everything, in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public synchronized void close() {
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (consumerMetrics != null) {
            consumerMetrics.close();
        }
        jvmGc.close();
        registry.close();
    }
}
