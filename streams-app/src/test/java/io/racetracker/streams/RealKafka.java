package io.racetracker.streams;

import io.racetracker.core.model.Models;
import io.racetracker.core.topic.TopicAdmin;
import io.racetracker.core.topic.Topics;
import io.racetracker.producer.ProducerSettings;
import io.racetracker.producer.RaceReplayer;
import io.racetracker.producer.scenario.Scenario;
import io.racetracker.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka for *IT tests, with the contract's topics created: a single-node KRaft broker in this JVM
 * ({@link #start()}), or any broker started elsewhere, such as a Testcontainers container ({@link #at}).
 */
final class RealKafka implements AutoCloseable {
    private final String bootstrapServers;
    private final AutoCloseable owner;

    private RealKafka(final String bootstrapServers, final AutoCloseable owner) {
        this.bootstrapServers = bootstrapServers;
        this.owner = owner;
    }

    /** A broker someone else started; its topics are created here, and {@code owner} is closed with it. */
    static RealKafka at(final String bootstrapServers, final AutoCloseable owner) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            TopicAdmin.ensureTopics(admin, Topics.ALL, (short) 1, Duration.ofSeconds(60));
        }
        return new RealKafka(bootstrapServers, owner);
    }

    static RealKafka start() throws Exception {
        final KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "6")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "6")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return at(cluster.bootstrapServers(), cluster);
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Streams settings for a fresh application against this broker, state in a fresh directory. */
    Properties streamsConfig(final java.nio.file.Path stateDir) {
        final Properties props = new Properties();
        props.putAll(StreamsSettings.defaults(bootstrapServers()));
        props.put("application.id", "it-" + UUID.randomUUID());
        props.put("state.dir", stateDir.toString());
        return props;
    }

    /**
     * Reads a topic from the beginning with read_committed until what was read satisfies {@code done}, or fails
     * when the deadline passes first.
     */
    <V> List<ConsumerRecord<String, V>> readUntil(final String topic, final Deserializer<V> values,
                                                  final Predicate<List<ConsumerRecord<String, V>>> done,
                                                  final Duration timeout) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        final List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Await.until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records;
            }, done, timeout, read -> topic + " holds " + read.size() + " records, not yet what was expected: " + read);
        }
        return records;
    }

    /** Starts the tracker on this broker, then replays a race into it as fast as the broker takes it. */
    TrackerService trackAndReplay(final Scenario scenario, final java.nio.file.Path stateDir) throws Exception {
        final TrackerService tracker = new TrackerService(streamsConfig(stateDir), Models.live());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(ProducerSettings.of(bootstrapServers, Map.of()))) {
            tracker.start(Duration.ofSeconds(60));
            new RaceReplayer(producer).replay(scenario, Double.POSITIVE_INFINITY, (sent, latest) -> { });
            return tracker;
        } catch (final Exception | AssertionError e) {
            tracker.close();
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        owner.close();
    }
}
