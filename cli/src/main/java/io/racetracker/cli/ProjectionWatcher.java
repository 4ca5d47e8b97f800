package io.racetracker.cli;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows {@code athlete-projections} with its own read_committed consumer (no consumer group), from the end of
 * the topic as it was when started, and hands every projection to a listener on its own thread.
 */
final class ProjectionWatcher implements AutoCloseable {
    private final KafkaConsumer<String, AthleteProjection> consumer;
    private final Thread thread;

    ProjectionWatcher(final Properties clientProps, final Consumer<AthleteProjection> listener) {
        final Properties props = new Properties();
        props.putAll(clientProps);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), Topics.ATHLETE_PROJECTIONS.valueSerde());
        final List<TopicPartition> partitions = consumer.partitionsFor(Topics.ATHLETE_PROJECTIONS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = new Thread(() -> run(listener), "projection-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(final Consumer<AthleteProjection> listener) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (final ConsumerRecord<String, AthleteProjection> record : consumer.poll(Duration.ofMillis(500))) {
                    listener.accept(record.value());
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
