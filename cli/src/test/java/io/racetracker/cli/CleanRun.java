package io.racetracker.cli;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.model.Models;
import io.racetracker.core.topic.Topics;
import io.racetracker.streams.StreamsSettings;
import io.racetracker.streams.TrackerTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** What a run without crashes or failovers writes: the same inputs through the same topology in the test driver. */
final class CleanRun {
    private CleanRun() {
    }

    /** The projections per athlete that the inputs now on the cluster must give. */
    static Map<String, List<AthleteProjection>> projections(final Properties client, final Path stateDir) throws Exception {
        final Properties props = new Properties();
        props.putAll(StreamsSettings.defaults("unused:9092"));
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(stateDir).toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(TrackerTopology.build(Models.live(), props), props,
                Instant.parse("2026-01-01T00:00:00Z"))) {
            for (final String topic : List.of(Topics.RACE_COURSES.name(), Topics.RACE_ATHLETES.name(), Topics.RACE_SPLITS.name())) {
                final TestInputTopic<String, byte[]> input = driver.createInputTopic(topic, Serdes.String().serializer(),
                        Serdes.ByteArray().serializer());
                for (final ConsumerRecord<String, byte[]> record : Outputs.all(client, topic)) {
                    input.pipeInput(record.key(), record.value(), record.timestamp());
                }
            }
            return driver.createOutputTopic(Topics.ATHLETE_PROJECTIONS.name(), Serdes.String().deserializer(),
                            Topics.ATHLETE_PROJECTIONS.valueSerde()).readKeyValuesToList().stream()
                    .collect(Collectors.groupingBy(kv -> kv.key, Collectors.mapping(kv -> kv.value, Collectors.toList())));
        }
    }
}
