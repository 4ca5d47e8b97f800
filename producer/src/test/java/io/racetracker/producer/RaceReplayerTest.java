package io.racetracker.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.topic.Topics;
import io.racetracker.producer.scenario.Scenario;
import io.racetracker.producer.scenario.Scenarios;
import io.racetracker.producer.wire.WireFaults;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class RaceReplayerTest {
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

    @Test
    void theCourseAndEveryAthleteGoOutBeforeAnyReadAndTheSummaryCountsEachKind() throws InterruptedException {
        final Scenario mass = Scenarios.byName("mass", new Scenarios.Options(2_000, 3));
        final WireFaults faults = new WireFaults(0.02, 0.1, 0.02, 20_000, 100, 0.005, 8);

        final RaceReplayer.Summary summary = new RaceReplayer(producer)
                .replay(mass, faults, Double.POSITIVE_INFINITY, (sent, latest) -> { });

        final List<ProducerRecord<String, byte[]>> sent = producer.history();
        assertEquals(Topics.RACE_COURSES.name(), sent.get(0).topic());
        assertTrue(sent.subList(1, 2_001).stream().allMatch(r -> r.topic().equals(Topics.RACE_ATHLETES.name())));
        assertTrue(sent.subList(2_001, sent.size()).stream().allMatch(r -> r.topic().equals(Topics.RACE_SPLITS.name())));
        assertEquals(summary.recordsSent(), sent.size());
        assertEquals(1, summary.count("courses"));
        assertEquals(2_000, summary.count("athletes"));
        assertEquals(mass.readCount(), summary.count("reads") + summary.count("missed"));
        assertTrue(summary.count("late") > 0 && summary.count("duplicates") > 0 && summary.count("malformed") > 0);
        assertTrue(summary.describe().contains("reads missed by the mats"));
    }

    @Test
    void theHistoricalRacesGoOutExactlyAsStaged() throws InterruptedException {
        final Scenario vienna = Scenarios.byName("vienna-2019");
        final RaceReplayer.Summary summary = new RaceReplayer(producer)
                .replay(vienna, Double.POSITIVE_INFINITY, (sent, latest) -> { });
        assertEquals(vienna.readCount(), summary.count("reads"));
        assertEquals(0, summary.count("duplicates") + summary.count("late") + summary.count("missed")
                + summary.count("malformed"));
        final List<ProducerRecord<String, byte[]>> reads = producer.history().stream()
                .filter(r -> r.topic().equals(Topics.RACE_SPLITS.name())).toList();
        for (int i = 0; i < reads.size(); i++) {
            assertEquals(vienna.reads().get(i), Topics.RACE_SPLITS.valueSerde().deserialize("race-splits",
                    reads.get(i).value()));
            assertEquals("vienna-2019/" + vienna.reads().get(i).athleteId(), reads.get(i).key(), "keyed raceId/athleteId");
        }
    }
}
