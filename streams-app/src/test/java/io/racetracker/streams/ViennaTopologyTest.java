package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.model.EvenPaceModel;
import io.racetracker.producer.scenario.Scenario;
import io.racetracker.producer.scenario.Vienna2019;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViennaTopologyTest {

    @Test
    void everyKipchogeSplitBecomesAProjectionEndingAtTheFinishTime() {
        final Scenario vienna = Vienna2019.scenario();
        try (TopologyFixture fixture = new TopologyFixture(new EvenPaceModel())) {
            // Given the Vienna course and Kipchoge registered
            fixture.register(vienna.course(), vienna.athletes().toArray(new io.racetracker.core.event.Athlete[0]));

            // When every mat read of the race arrives
            vienna.reads().forEach(fixture::read);

            // Then there is one projection per split, in course order, and the last is the finish at 1:59:40
            final List<AthleteProjection> projections = fixture.projections.readValuesToList();
            assertEquals(vienna.reads().size(), projections.size());
            final AthleteProjection finish = projections.get(projections.size() - 1);
            assertEquals(AthleteStatus.FINISHED, finish.status());
            assertEquals(7_180_200L, finish.projectedFinishMs());
            assertEquals("1:59:40", finish.display().projectedFinish());
            assertEquals(finish.projectedFinishMs(), finish.p10FinishMs());
            assertEquals(finish.projectedFinishMs(), finish.p90FinishMs());
            assertEquals(1.0, finish.pTarget());

            // the course has lap mats and pacemakers too: Kipchoge's 5 km read, whose next mat is the Lusthaus turn
            final AthleteProjection at5k = projections.stream()
                    .filter(p -> p.athleteId().equals("eliud-kipchoge") && p.timingPointId().equals("5K"))
                    .findFirst().orElseThrow();
            assertEquals(5000.0, at5k.distanceM());
            assertEquals(170.0, at5k.averagePaceSecPerKm(), 0.01, "14:10 for 5 km is 2:50/km");
            assertEquals("2:50/km", at5k.display().averagePace());
            assertEquals("TURN", at5k.nextTimingPointId());
            assertTrue(at5k.p10FinishMs() < at5k.projectedFinishMs() && at5k.projectedFinishMs() < at5k.p90FinishMs());
            assertTrue(fixture.deadLetters.isEmpty());
        }
    }
}
