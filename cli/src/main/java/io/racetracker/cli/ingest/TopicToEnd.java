package io.racetracker.cli.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consumer of a whole topic without a group: read from the beginning to its end (read_committed, so up to the last
 * stable offset), then, if wanted, on as records arrive.
 */
public final class TopicToEnd implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;

    public TopicToEnd(final Properties clientProps, final String topic) {
        final Properties props = new Properties();
        props.putAll(clientProps);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "race-tracker-ingest-" + topic);
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        final List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads every record up to the topic's end as of now. */
    public void readToEnd(final Consumer<ConsumerRecord<String, byte[]>> each, final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), timeout);
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey(), timeout) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("reading " + topic + " to its end took longer than " + timeout);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(each);
        }
    }

    /** Whatever has arrived since, without waiting. */
    public void pollNow(final Consumer<ConsumerRecord<String, byte[]>> each) {
        consumer.poll(Duration.ZERO).forEach(each);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
