package io.racetracker.cli;

import io.racetracker.core.topic.Topic;
import io.racetracker.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what a topic holds, as a read_committed consumer sees it. */
final class Outputs {
    private Outputs() {
    }

    /** Every record, partition by partition in offset order. */
    static List<ConsumerRecord<String, byte[]>> all(final Properties client, final String topic) {
        final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(client)) {
            final List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Await.until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            }, Duration.ofMinutes(1), "could not read " + topic + " to its end");
        }
        return records;
    }

    /** Every value by key, in the order the key's partition holds them. */
    static <V> Map<String, List<V>> byKey(final Properties client, final Topic<V> topic) {
        final Map<String, List<V>> byKey = new LinkedHashMap<>();
        for (final ConsumerRecord<String, byte[]> record : all(client, topic.name())) {
            byKey.computeIfAbsent(record.key(), k -> new ArrayList<>())
                    .add(topic.valueSerde().deserialize(topic.name(), record.value()));
        }
        return byKey;
    }

    /** The last stable offsets of a topic, summed: how far committed output has got. */
    static long committedEnd(final Properties client, final String topic) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(client)) {
            return consumer.endOffsets(partitions(consumer, topic)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(final Properties client) {
        final Properties props = new Properties();
        props.putAll(client);
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(final KafkaConsumer<?, ?> consumer, final String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }
}
