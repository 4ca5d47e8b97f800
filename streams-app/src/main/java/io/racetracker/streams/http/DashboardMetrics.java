package io.racetracker.streams.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import io.racetracker.streams.CourseTable;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The app's metrics in Prometheus format: Kafka Streams' own (through Micrometer's binder), the dashboard consumer's,
 * and the tracker's, which are counted from the committed outputs as the dashboard feed reads them, so that no
 * topology operator does any of this work:
 * <ul>
 *   <li>{@code racetracker_reads_accepted_total}: records on {@code athlete-projections} (one per accepted read)</li>
 *   <li>{@code racetracker_reads_duplicate_total}: growth of {@code duplicateReads} on {@code athlete-state}</li>
 *   <li>{@code racetracker_dead_letters_total{code}}: records on {@code race-dead-letters}, by reason</li>
 *   <li>{@code racetracker_reads_in_total}: the sum of the three, every input the app has dealt with</li>
 *   <li>{@code racetracker_outputs_total{topic}}: committed records per output topic</li>
 *   <li>{@code racetracker_end_to_end_lag_seconds}: from a mat read's record timestamp (when it was produced) to the
 *       moment its committed projection reached this dashboard, for projections written after the server started</li>
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
    private KafkaStreamsMetrics streamsMetrics;
    private KafkaClientMetrics consumerMetrics;

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
                .publishPercentiles(0.5, 0.9, 0.99)
                .distributionStatisticExpiry(Duration.ofMinutes(1))
                .register(registry);
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
        registry.close();
    }
}
