package io.racetracker.streams;

import io.racetracker.core.model.Models;
import io.racetracker.core.topic.Topic;
import io.racetracker.core.topic.TopicAdmin;
import io.racetracker.core.topic.Topics;
import io.racetracker.producer.ProducerSettings;
import io.racetracker.producer.RaceReplayer;
import io.racetracker.producer.scenario.Scenario;
import io.racetracker.producer.wire.WireFaults;
import io.racetracker.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka for *IT tests, with the contract's topics created: a single-node KRaft broker in this JVM
 * ({@link #start()}), or any broker started elsewhere, such as a Testcontainers container ({@link #at}).
 */
final class RealKafka implements AutoCloseable {
    /** How long the tracker may take to start on the broker. */
    private static final Duration START = Duration.ofSeconds(90);
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
    Properties streamsConfig(final Path stateDir) {
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
    TrackerService trackAndReplay(final Scenario scenario, final Path stateDir) throws Exception {
        return trackAndReplay(scenario, WireFaults.NONE, stateDir).tracker();
    }

    /**
     * Starts the tracker on this broker, then replays a race into it, with {@code faults} on the wire, as fast as the
     * broker takes it.
     */
    Replayed trackAndReplay(final Scenario scenario, final WireFaults faults, final Path stateDir) throws Exception {
        return trackAndReplay(scenario, faults, stateDir, Map.of());
    }

    /** As {@link #trackAndReplay(Scenario, WireFaults, Path)}, with some of the tracker's settings over its defaults. */
    Replayed trackAndReplay(final Scenario scenario, final WireFaults faults, final Path stateDir,
                            final Map<String, ?> settings) throws Exception {
        final Properties config = streamsConfig(stateDir);
        config.putAll(settings);
        final TrackerService tracker = new TrackerService(config, Models.live());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(ProducerSettings.of(bootstrapServers, Map.of()))) {
            tracker.start(START);
            return new Replayed(tracker, new RaceReplayer(producer).replay(scenario, faults, Double.POSITIVE_INFINITY,
                    (sent, latest) -> { }));
        } catch (final Exception | AssertionError e) {
            tracker.close();
            throw e;
        }
    }

    /**
     * Every committed record of each topic, read with read_committed from the beginning to the end it has now; fails
     * when that takes longer than {@code timeout}.
     */
    Map<String, List<ConsumerRecord<String, byte[]>>> readAll(final List<Topic<?>> topics, final Duration timeout) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        final Map<String, List<ConsumerRecord<String, byte[]>>> byTopic = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (final Topic<?> topic : topics) {
                byTopic.put(topic.name(), new ArrayList<>());
                consumer.partitionsFor(topic.name()).forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topics + " to their ends in " + timeout);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> byTopic.get(r.topic()).add(r));
            }
        }
        return byTopic;
    }

    /**
     * A tracker running on this broker, and what was replayed into it; closing it closes the tracker.
     *
     * @param tracker the running tracker
     * @param sent    what the replay sent, faults included
     */
    record Replayed(TrackerService tracker, RaceReplayer.Summary sent) implements AutoCloseable {
        @Override
        public void close() {
            tracker.close();
        }
    }

    /**
     * One broker for a test class: started before its first test, closed after its last. Register it as a static
     * field with {@code @RegisterExtension}.
     */
    static final class PerClass implements BeforeAllCallback, AfterAllCallback {
        private RealKafka kafka;

        @Override
        public void beforeAll(final ExtensionContext context) throws Exception {
            kafka = start();
        }

        @Override
        public void afterAll(final ExtensionContext context) throws Exception {
            kafka.close();
        }

        RealKafka kafka() {
            return kafka;
        }
    }

    @Override
    public void close() throws Exception {
        owner.close();
    }
}
