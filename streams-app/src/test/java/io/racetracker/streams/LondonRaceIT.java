package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.RaceResult;
import io.racetracker.core.topic.Topics;
import io.racetracker.producer.scenario.Scenario;
import io.racetracker.producer.scenario.Scenarios;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The London Marathon 2023, elite fields and a mass field, through a real broker and the streams app. */
class LondonRaceIT {
    private static final Set<String> NAMED = Set.of("kelvin-kiptum", "geoffrey-kamworor", "emile-cairess",
            "phil-sesemann", "mo-farah", "sifan-hassan");
    private static RealKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = RealKafka.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void theWinnersPlacesAndHassansComeback(@TempDir final Path stateDir) throws Exception {
        final Scenario london = Scenarios.byName("london-2023", new Scenarios.Options(2_000, 7));
        try (TrackerService tracker = kafka.trackAndReplay(london, stateDir)) {
            final Map<String, RaceResult> results = kafka.readUntil(Topics.RACE_RESULTS.name(),
                            Topics.RACE_RESULTS.valueSerde(),
                            read -> read.stream().map(ConsumerRecord::key).collect(Collectors.toSet()).containsAll(NAMED),
                            Duration.ofMinutes(3)).stream()
                    .collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value, (a, b) -> b));

            assertEquals("2:01:25", results.get("kelvin-kiptum").finishTime());
            assertEquals(1, results.get("kelvin-kiptum").place());
            assertEquals(2, results.get("geoffrey-kamworor").place());
            assertEquals("2:04:23", results.get("geoffrey-kamworor").finishTime());
            assertEquals(6, results.get("emile-cairess").categoryPlace());
            assertEquals(8, results.get("phil-sesemann").categoryPlace());
            assertEquals(9, results.get("mo-farah").categoryPlace());
            assertEquals("2:18:33", results.get("sifan-hassan").finishTime());
            assertEquals(1, results.get("sifan-hassan").categoryPlace());

            final List<AthleteProjection> hassan = kafka.readUntil(Topics.ATHLETE_PROJECTIONS.name(),
                            Topics.ATHLETE_PROJECTIONS.valueSerde(),
                            read -> read.stream().anyMatch(r -> r.key().equals("sifan-hassan")
                                    && r.value().timingPointId().equals("FINISH")), Duration.ofMinutes(1)).stream()
                    .filter(r -> r.key().equals("sifan-hassan")).map(ConsumerRecord::value).toList();
            final Map<String, Long> projected = hassan.stream()
                    .collect(Collectors.toMap(AthleteProjection::timingPointId, AthleteProjection::projectedFinishMs));
            assertTrue(projected.get("25K") > projected.get("20K") + 20_000,
                    "after falling off the pace her projection drifts back: " + projected);
            assertTrue(projected.get("30K") < projected.get("25K") - 20_000 && projected.get("40K") < projected.get("25K") - 20_000,
                    "and recovers as she reels the leaders in: " + projected);
            assertTrue(Math.abs(projected.get("40K") - 8_313_000) < 30_000, "at 40 km she is projected within 30 s"
                    + " of her 2:18:33: " + projected);
        }
    }
}
