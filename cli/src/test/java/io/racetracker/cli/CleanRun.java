package io.racetracker.cli;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.model.Models;
import io.racetracker.core.topic.SourceHeader;
import io.racetracker.core.topic.SourceHeader.Position;
import io.racetracker.core.topic.Topics;
import io.racetracker.streams.StreamsSettings;
import io.racetracker.streams.TrackerTopology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** What a run without crashes or failovers writes: the same inputs through the same topology in the test driver. */
final class CleanRun {
    private CleanRun() {
    }

    /**
     * One output record as a run wrote it: key, value bytes, and the input it names ({@code rt-source}, null when
     * none). A clean run's inputs sit on one partition of the test driver at offsets 0, 1, 2, ...; its positions are
     * given as the positions the same inputs have on the cluster, so that both runs can be compared as they are.
     */
    record Written(String key, byte[] value, String source) {
    }

    /** The projections per athlete that the inputs now on the cluster must give. */
    static Map<String, List<AthleteProjection>> projections(final Properties client, final Path stateDir) throws Exception {
        return outputs(client, stateDir).get(Topics.ATHLETE_PROJECTIONS.name()).stream()
                .collect(Collectors.groupingBy(Written::key, Collectors.mapping(
                        w -> Topics.ATHLETE_PROJECTIONS.valueSerde().deserialize("", w.value()), Collectors.toList())));
    }

    /**
     * Every output topic of a clean run of the inputs now on the cluster, in the order written. Dead letters and
     * source headers name the inputs by their positions on the cluster.
     */
    static Map<String, List<Written>> outputs(final Properties client, final Path stateDir) throws Exception {
        final Properties props = new Properties();
        props.putAll(StreamsSettings.defaults("unused:9092"));
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(stateDir).toString());
        final Map<String, List<Position>> onCluster = new HashMap<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(TrackerTopology.build(Models.live(), props), props,
                Instant.parse("2026-01-01T00:00:00Z"))) {
            for (final String topic : List.of(Topics.RACE_COURSES.name(), Topics.RACE_ATHLETES.name(), Topics.RACE_SPLITS.name())) {
                final TestInputTopic<String, byte[]> input = driver.createInputTopic(topic, Serdes.String().serializer(),
                        Serdes.ByteArray().serializer());
                final List<Position> positions = onCluster.computeIfAbsent(topic, t -> new ArrayList<>());
                for (final ConsumerRecord<String, byte[]> record : Outputs.all(client, topic)) {
                    // the driver gives the n-th record of a topic offset n on partition 0
                    positions.add(new Position(topic, record.partition(), record.offset()));
                    input.pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(),
                            Instant.ofEpochMilli(record.timestamp())));
                }
            }
            final Map<String, List<Written>> outputs = new HashMap<>();
            for (final var topic : Topics.OUTPUTS) {
                final List<Written> written = new ArrayList<>();
                for (final TestRecord<String, byte[]> record : driver.createOutputTopic(topic.name(),
                        Serdes.String().deserializer(), Serdes.ByteArray().deserializer()).readRecordsToList()) {
                    byte[] value = record.value();
                    if (topic.equals(Topics.RACE_DEAD_LETTERS) && value != null) {
                        final var letter = Topics.RACE_DEAD_LETTERS.valueSerde().deserialize("", value);
                        final Position at = onCluster(onCluster, new Position(letter.sourceTopic(), letter.partition(),
                                letter.offset()));
                        value = Topics.RACE_DEAD_LETTERS.valueSerde().serialize("", new io.racetracker.core.event.DeadLetter(
                                letter.code(), letter.reason(), letter.sourceTopic(), at.partition(), at.offset(),
                                letter.key(), letter.valueBase64(), letter.valueText(), letter.raceId(), letter.athleteId(),
                                letter.valueSize(), letter.truncated()));
                    }
                    final String source = source(record.headers());
                    written.add(new Written(record.key(), value, source == null ? null : SourceHeader.parse(
                            source.getBytes(StandardCharsets.UTF_8))
                            .map(p -> onCluster(onCluster, p).toString()).orElse(source)));
                }
                outputs.put(topic.name(), written);
            }
            return outputs;
        }
    }

    /** What the cluster's output topics hold, read_committed, in the same form. */
    static Map<String, List<Written>> committed(final Properties client) {
        final Map<String, List<Written>> outputs = new HashMap<>();
        for (final var topic : Topics.OUTPUTS) {
            outputs.put(topic.name(), Outputs.all(client, topic.name()).stream()
                    .map(r -> new Written(r.key(), r.value(), source(r.headers()))).toList());
        }
        return outputs;
    }

    private static Position onCluster(final Map<String, List<Position>> onCluster, final Position inDriver) {
        final List<Position> positions = onCluster.get(inDriver.topic());
        if (positions == null || inDriver.partition() != 0 || inDriver.offset() >= positions.size()) {
            return inDriver;
        }
        return positions.get((int) inDriver.offset());
    }

    private static String source(final Headers headers) {
        final Header header = headers.lastHeader(SourceHeader.NAME);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
