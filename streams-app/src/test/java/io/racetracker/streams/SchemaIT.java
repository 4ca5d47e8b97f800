package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.event.Correction;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.IngestPosition;
import io.racetracker.core.json.Json;
import io.racetracker.core.topic.Topic;
import io.racetracker.core.topic.Topics;
import io.racetracker.producer.ProducerSettings;
import io.racetracker.producer.RaceReplayer;
import io.racetracker.producer.scenario.Scenario;
import io.racetracker.producer.scenario.Vienna2019;
import io.racetracker.producer.wire.WireFaults;
import io.racetracker.testing.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every record a real pipeline writes matches the committed schema of its topic (docs/schemas/): the Vienna race
 * with duplicated, late and broken reads, a correction and a few bad records replayed through the streams app on a
 * real broker, then every topic of the contract read from the beginning and each value validated. Inputs that do not
 * match their schema must all have been dead-lettered: what the schema rejects, the app never takes.
 */
class SchemaIT {
    private static final String KIPCHOGE = "eliud-kipchoge";
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Every read may be doubled, late or followed by a broken record; none is missed, so everyone finishes. */
    private static final WireFaults FAULTS = new WireFaults(0, 0.05, 0.02, 30_000, 200, 0.05, 7);
    @RegisterExtension
    static final RealKafka.PerClass BROKER = new RealKafka.PerClass();

    @Test
    void everyRecordOfEveryTopicMatchesItsCommittedSchema(@TempDir final Path stateDir) throws Exception {
        final Scenario vienna = Vienna2019.scenario();
        final String pacer = vienna.athletes().stream().filter(a -> !a.athleteId().equals(KIPCHOGE)).findFirst()
                .orElseThrow().athleteId();
        final RealKafka kafka = BROKER.kafka();
        // race-conditions is published on the wall clock: every second here, not every ten
        try (RealKafka.Replayed replayed = kafka.trackAndReplay(vienna, FAULTS, stateDir,
                Map.of("race.tracker.conditions.interval.ms", "1000"));
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(ProducerSettings.of(kafka.bootstrapServers(), Map.of()))) {
            final RaceReplayer.Summary sent = replayed.sent();
            assertTrue(sent.count("malformed") > 0 && sent.count("duplicates") > 0, sent.describe());
            final String key = Vienna2019.RACE_ID + "/" + pacer;
            send(producer, Topics.RACE_CORRECTIONS, key, Json.mapper().writeValueAsBytes(new Correction("schema-it-1",
                    Correction.Type.DISQUALIFY, Vienna2019.RACE_ID, pacer, null, null, null, null, null,
                    "left the course", "referee", Instant.parse("2019-10-12T08:30:00Z"))));
            send(producer, Topics.RACE_CORRECTIONS, key, "{\"type\":\"TELEPORT\"}".getBytes(StandardCharsets.UTF_8));
            send(producer, Topics.RACE_ATHLETES, Vienna2019.RACE_ID + "/someone", "{\"name\":\"\"}".getBytes(StandardCharsets.UTF_8));
            send(producer, Topics.RACE_SPLITS, Vienna2019.RACE_ID + "/" + KIPCHOGE, new byte[] {(byte) 0xc3, (byte) 0x28});
            // written by the ingest command, which this module does not hold: one record as it writes them
            send(producer, Topics.RACE_INGEST_POSITIONS, IngestPosition.key(Vienna2019.RACE_ID, "mats.csv", "a1"),
                    Json.mapper().writeValueAsBytes(new IngestPosition(Vienna2019.RACE_ID, "mats.csv", "a1", 120, 4096,
                            Instant.parse("2019-10-12T08:00:00Z"))));
            producer.flush();

            final long badOnes = sent.count("malformed") + 3;
            Await.until(() -> {
                final Map<String, List<ConsumerRecord<String, byte[]>>> now = kafka.readAll(List.of(Topics.ATHLETE_STATE,
                        Topics.RACE_DEAD_LETTERS, Topics.RACE_RESULTS, Topics.RACE_LEADERBOARD, Topics.RACE_ALERTS,
                        Topics.BROADCAST_FEED, Topics.RACE_CONDITIONS), WAIT);
                // race-conditions comes on the wall clock, within one interval (1 s) of the first stretch run
                return now.values().stream().noneMatch(List::isEmpty)
                        && now.get(Topics.RACE_DEAD_LETTERS.name()).size() >= badOnes
                        && now.get(Topics.ATHLETE_STATE.name()).stream().anyMatch(r -> r.key().endsWith("/" + KIPCHOGE)
                                && text(r).contains("\"" + AthleteStatus.FINISHED + "\""))
                        && now.get(Topics.ATHLETE_STATE.name()).stream().anyMatch(r -> r.key().equals(key)
                                && text(r).contains("\"" + AthleteStatus.DSQ + "\""));
            }, WAIT, "the pipeline never wrote every output: Kipchoge finished, the pacer disqualified, "
                    + "every bad record dead-lettered");

            final Map<String, List<ConsumerRecord<String, byte[]>>> all = kafka.readAll(Topics.ALL, WAIT);
            final Set<String> deadLettered = new HashSet<>();
            for (final ConsumerRecord<String, byte[]> record : all.get(Topics.RACE_DEAD_LETTERS.name())) {
                final DeadLetter dead = Json.mapper().readValue(record.value(), DeadLetter.class);
                deadLettered.add(dead.sourceTopic() + ":" + dead.partition() + ":" + dead.offset());
            }
            final List<String> drifted = new ArrayList<>();
            final Map<String, Integer> checked = new HashMap<>();
            int inputsRejected = 0;
            for (final Topic<?> topic : Topics.ALL) {
                final Schema schema = TopicSchemaFiles.of(topic);
                final boolean input = Topics.INPUTS.contains(topic);
                for (final ConsumerRecord<String, byte[]> record : all.get(topic.name())) {
                    final String value = text(record);
                    final List<String> errors = problems(schema, value);
                    final String id = record.topic() + ":" + record.partition() + ":" + record.offset();
                    if (input && !errors.isEmpty()) {
                        inputsRejected++;
                        if (!deadLettered.contains(id)) {
                            drifted.add(id + " does not match its schema " + errors + " yet was taken: " + value);
                        }
                    } else if (!errors.isEmpty()) {
                        drifted.add(id + " " + errors + ": " + value);
                    }
                    checked.merge(topic.name(), 1, Integer::sum);
                }
            }
            assertTrue(drifted.isEmpty(), drifted.size() + " records drift from docs/schemas/:\n"
                    + String.join("\n", drifted.subList(0, Math.min(20, drifted.size()))));
            for (final Topic<?> topic : Topics.ALL) {
                assertTrue(checked.getOrDefault(topic.name(), 0) > 0, "nothing on " + topic.name() + " to check: " + checked);
            }
            // some broken reads are well-formed (a key that is not the athlete's): only the three sent here must fail
            assertTrue(inputsRejected >= 3, "the broken inputs fail their schemas: " + inputsRejected);
            assertEquals(Topics.ALL.size(), checked.size());
        }
    }

    /** Why a value does not match: the validator's errors, or that it is not JSON at all; empty when it matches. */
    private static List<String> problems(final Schema schema, final String value) {
        if (value == null) {
            return List.of("not UTF-8 text");
        }
        try {
            return schema.validate(value, InputFormat.JSON).stream().map(Error::toString).toList();
        } catch (final RuntimeException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }

    private static void send(final KafkaProducer<String, byte[]> producer, final Topic<?> topic, final String key,
                             final byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
    }

    /** The value as text when it is UTF-8; null when it is not (or is absent): no schema can match it. */
    private static String text(final ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(record.value())).toString();
        } catch (final java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }
}
