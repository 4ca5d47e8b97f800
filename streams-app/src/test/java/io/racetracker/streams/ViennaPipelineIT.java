package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.topic.Topics;
import io.racetracker.producer.scenario.Scenario;
import io.racetracker.producer.scenario.Vienna2019;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Producer, real broker, streams app, athlete-projections: the Vienna race through the whole path. */
class ViennaPipelineIT {
    private static final String KIPCHOGE = "eliud-kipchoge";
    @RegisterExtension
    static final RealKafka.PerClass BROKER = new RealKafka.PerClass();

    @Test
    void kipchogesProjectionsArriveInOrderAndEndAtHisFinishTime(@TempDir final Path stateDir) throws Exception {
        kipchogeEndsAtHisFinishTime(BROKER.kafka(), stateDir);
    }

    /** The whole path on any real Kafka: also run by the Docker profile against a Testcontainers broker. */
    static void kipchogeEndsAtHisFinishTime(final RealKafka kafka, final Path stateDir) throws Exception {
        final Scenario vienna = Vienna2019.scenario();
        try (TrackerService tracker = kafka.trackAndReplay(vienna, stateDir)) {
            final long kipchogeReads = vienna.reads().stream().filter(r -> r.athleteId().equals(KIPCHOGE)).count();
            final List<ConsumerRecord<String, AthleteProjection>> records = kafka.readUntil(
                    Topics.ATHLETE_PROJECTIONS.name(), Topics.ATHLETE_PROJECTIONS.valueSerde(),
                    read -> read.stream().filter(r -> r.key().equals(Vienna2019.RACE_ID + "/" + KIPCHOGE)).count() >= kipchogeReads,
                    Duration.ofSeconds(60)).stream().filter(r -> r.key().equals(Vienna2019.RACE_ID + "/" + KIPCHOGE)).toList();

            assertEquals(kipchogeReads, records.size());
            assertTrue(records.stream().allMatch(r -> r.value().athleteId().equals(KIPCHOGE)), "keyed by raceId/athleteId");
            final List<Double> distances = records.stream().map(r -> r.value().distanceM()).toList();
            assertEquals(distances.stream().sorted().toList(), distances, "one partition, in course order");
            final AthleteProjection finish = records.get(records.size() - 1).value();
            assertEquals(AthleteStatus.FINISHED, finish.status());
            assertEquals("1:59:40", finish.display().projectedFinish());
            assertEquals(7_180_200L, finish.projectedFinishMs());
            assertEquals(finish.p10FinishMs(), finish.p90FinishMs(), "no band left at the finish");
            final AthleteProjection halfway = records.stream().map(ConsumerRecord::value)
                    .filter(p -> p.timingPointId().equals("HALF")).findFirst().orElseThrow();
            assertTrue(Math.abs(halfway.projectedFinishMs() - 7_180_200L) < 120_000,
                    "at half way the projection is within two minutes of the final time: " + halfway.display());
        }
    }
}
