package io.racetracker.cli.bench;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.racetracker.core.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Latency from a read's producer timestamp to its projection being visible to a read_committed consumer. Kafka
 * Streams gives each output the timestamp of the input record that caused it, so the projection on
 * {@code athlete-projections} carries the CreateTime of its read: latency is the moment this consumer sees it minus
 * that timestamp. Projections of reads stamped before {@code fromMillis} (warm-up) are counted but not recorded.
 */
final class LatencyProbe implements AutoCloseable {
    private static final long HIGHEST_MS = TimeUnit.HOURS.toMillis(2);

    private final KafkaConsumer<byte[], byte[]> consumer;
    /** Seconds of read time per window of {@link #windows()}. */
    static final int WINDOW_SECONDS = 5;
    private final Histogram histogram = new Histogram(HIGHEST_MS, 3);
    private final Map<Long, Histogram> byWindow = new ConcurrentSkipListMap<>();
    private final Thread thread;
    private final long fromMillis;
    private volatile boolean stopping;
    private volatile long seen;
    private volatile long lastSeenNanos = System.nanoTime();
    private volatile RuntimeException failure;

    LatencyProbe(final Properties clientProps, final long fromMillis) {
        final Properties props = new Properties();
        props.putAll(clientProps);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.fromMillis = fromMillis;
        this.consumer = new KafkaConsumer<>(props);
        final String topic = Topics.ATHLETE_PROJECTIONS.name();
        final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::run, "latency-probe");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!stopping) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    final long now = System.currentTimeMillis();
                    if (record.timestamp() >= fromMillis) {
                        final long latencyMs = Math.min(HIGHEST_MS, Math.max(0, now - record.timestamp()));
                        histogram.recordValue(latencyMs);
                        byWindow.computeIfAbsent((record.timestamp() - fromMillis) / 1000 / WINDOW_SECONDS,
                                w -> new Histogram(HIGHEST_MS, 3)).recordValue(latencyMs);
                    }
                    seen++;
                    lastSeenNanos = System.nanoTime();
                }
            }
        } catch (final RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Waits until no projection has arrived for {@code quiet}; the app has committed everything by then. */
    void awaitQuiet(final Duration quiet, final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - lastSeenNanos < quiet.toNanos() && System.nanoTime() < deadline && failure == null) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /**
     * The latency of the reads sent in one {@value #WINDOW_SECONDS}-second window after the warm-up.
     *
     * @param fromS the window's start, in seconds of read time after the warm-up
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Window(long fromS, long projections, long p50Ms, long p99Ms, long maxMs) {
    }

    /**
     * The latency of the reads sent in each window after the warm-up, in order: whether a tail comes from one moment
     * (a rebalance, a pause) or from all along.
     */
    List<Window> windows() {
        final List<Window> windows = new ArrayList<>();
        byWindow.forEach((index, h) -> windows.add(new Window(index * WINDOW_SECONDS, h.getTotalCount(),
                h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue())));
        return windows;
    }

    long seen() {
        return seen;
    }

    /** Stops the consumer and returns what it recorded. */
    Histogram finish() throws InterruptedException {
        stopping = true;
        thread.join(10_000);
        if (failure != null) {
            throw new IllegalStateException("the latency consumer failed: " + failure.getMessage(), failure);
        }
        return histogram;
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join(10_000);
    }
}
