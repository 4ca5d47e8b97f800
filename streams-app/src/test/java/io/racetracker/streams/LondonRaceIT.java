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
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The London Marathon 2023, elite fields and a mass field, through a real broker and the streams app. */
class LondonRaceIT {
    /** Category places of London 2023's named finishers, the published results. */
    private static final Map<String, Integer> EXPECTED_CATEGORY_PLACES = Map.of("kelvin-kiptum", 1,
            "geoffrey-kamworor", 2, "emile-cairess", 6, "phil-sesemann", 8, "mo-farah", 9, "sifan-hassan", 1);
    @RegisterExtension
    static final RealKafka.PerClass BROKER = new RealKafka.PerClass();

    @Test
    void theWinnersPlacesAndHassansComeback(@TempDir final Path stateDir) throws Exception {
        final RealKafka kafka = BROKER.kafka();
        final Scenario london = Scenarios.byName("london-2023", new Scenarios.Options(2_000, 7));
        try (TrackerService tracker = kafka.trackAndReplay(london, stateDir)) {
            // Places are provisional: a finish read processed before a faster one of another partition is placed,
            // then published again when the faster one arrives. Wait until the latest results have settled.
            final Map<String, RaceResult> results = latest(kafka.readUntil(Topics.RACE_RESULTS.name(),
                    Topics.RACE_RESULTS.valueSerde(),
                    read -> EXPECTED_CATEGORY_PLACES.equals(categoryPlaces(latest(read))), Duration.ofMinutes(3)));

            assertEquals("2:01:25", results.get("kelvin-kiptum").finishTime());
            assertEquals(1, results.get("kelvin-kiptum").place());
            assertEquals(2, results.get("geoffrey-kamworor").place());
            assertEquals("2:04:23", results.get("geoffrey-kamworor").finishTime());
            assertEquals("2:18:33", results.get("sifan-hassan").finishTime());

            final List<AthleteProjection> hassan = kafka.readUntil(Topics.ATHLETE_PROJECTIONS.name(),
                            Topics.ATHLETE_PROJECTIONS.valueSerde(),
                            read -> read.stream().anyMatch(r -> r.key().equals("london-2023/sifan-hassan")
                                    && r.value().timingPointId().equals("FINISH")), Duration.ofMinutes(1)).stream()
                    .filter(r -> r.key().equals("london-2023/sifan-hassan")).map(ConsumerRecord::value).toList();
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

    private static Map<String, RaceResult> latest(final List<ConsumerRecord<String, RaceResult>> read) {
        return read.stream().collect(Collectors.toMap(r -> r.value().athleteId(), ConsumerRecord::value, (a, b) -> b));
    }

    private static Map<String, Integer> categoryPlaces(final Map<String, RaceResult> results) {
        return EXPECTED_CATEGORY_PLACES.keySet().stream().filter(results::containsKey)
                .collect(Collectors.toMap(id -> id, id -> results.get(id).categoryPlace()));
    }
}
