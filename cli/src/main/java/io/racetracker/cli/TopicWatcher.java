package io.racetracker.cli;

import io.racetracker.core.topic.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows output topics with its own read_committed consumer (no consumer group), from their ends as they were
 * when it started, and hands every record to a listener on its own thread.
 */
final class TopicWatcher implements AutoCloseable {
    /** Told of each record, with its topic. */
    @FunctionalInterface
    interface Listener extends BiConsumer<Topic<?>, Object> {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;

    TopicWatcher(final Properties clientProps, final List<Topic<?>> topics, final Listener listener) {
        final Properties props = new Properties();
        props.putAll(clientProps);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        final Map<String, Topic<?>> byName = topics.stream().collect(Collectors.toMap(Topic::name, t -> t));
        final List<TopicPartition> partitions = topics.stream()
                .flatMap(t -> consumer.partitionsFor(t.name()).stream())
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(() -> run(byName, listener), "topic-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(final Map<String, Topic<?>> topics, final Listener listener) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (final ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    final Topic<?> topic = topics.get(record.topic());
                    listener.accept(topic, topic.valueSerde().deserialize(record.topic(), record.value()));
                }
            }
        } catch (final WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(10_000);
    }
}
