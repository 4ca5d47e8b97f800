package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.SplitEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real timing data: duplicate reads, late reads, missed mats and lap courses. */
class ReadCorrectnessTest {
    private final Course course = Fixtures.marathon();
    private final Athlete runner = Fixtures.runner(course, "r1", "Ada Runner", "ELITE-M");

    @Test
    void aDuplicateReadCountsOnceAndIsReported() {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course, runner);
            fx.read(course, runner, "5K", "0:15:00");

            fx.read(course, runner, "5K", "0:15:00");
            fx.read(course, runner, "5K", "0:15:01");

            assertEquals(1, fx.projections.readValuesToList().size(), "one projection for one crossing");
            final List<AthleteProjection> states = fx.state.readValuesToList();
            assertEquals(3, states.size(), "every read updates the athlete's books");
            assertEquals(2, states.get(2).duplicateReads());
            assertEquals(1, states.get(2).acceptedSplits());
            assertEquals(900_000, states.get(2).elapsedMs(), "the first read of the crossing stands");
            assertTrue(fx.deadLetters.isEmpty());
        }
    }

    @Test
    void aLateReadTakesItsPlaceAndTheStateIsRecomputedFromTheRightHistory() {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course, runner);
            fx.read(course, runner, "20K", "1:00:00");
            fx.read(course, runner, "30K", "1:30:00");
            final AthleteProjection before = fx.state.readValuesToList().get(1);

            // 25K arrives after 30K, showing a fast 25K and a slow 25-30K
            fx.read(course, runner, "25K", "1:14:00");

            final AthleteProjection late = fx.projections.readValuesToList().get(2);
            assertEquals("25K", late.timingPointId());
            assertEquals(2, late.acceptedSplits(), "projected from the splits up to 25K: 20K and 25K");
            assertEquals(168.0, late.segmentPaceSecPerKm(), 0.01, "14:00 for 20-25K");
            final AthleteProjection after = fx.state.readValuesToList().get(0);
            assertEquals("30K", after.timingPointId(), "the latest state stays at the furthest mat");
            assertEquals(3, after.acceptedSplits());
            assertEquals(192.0, after.segmentPaceSecPerKm(), 0.01, "30K's segment is now 25-30K: 16:00");
            assertEquals(180.0, before.segmentPaceSecPerKm(), 0.01, "before the late read it was 20-30K");
        }
    }

    @Test
    void aMissedMatBreaksNeitherPaceNorProjection() {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course, runner);
            fx.read(course, runner, "5K", "0:15:00");
            fx.read(course, runner, "15K", "0:45:30");

            final AthleteProjection at15 = fx.projections.readValuesToList().get(1);
            assertEquals(183.0, at15.segmentPaceSecPerKm(), 0.01, "5-15K: 30:30 for 10 km");
            assertEquals(182.0, at15.averagePaceSecPerKm(), 0.01);
            assertTrue(at15.projectedFinishMs() > 7_000_000 && at15.projectedFinishMs() < 8_500_000,
                    "a sane projection: " + at15.display());
            assertEquals("20K", at15.nextTimingPointId());
        }
    }

    @Test
    void lapCoursesTellLapsOfTheSameMatApart() {
        final Course laps = Fixtures.lapCourse();
        final Athlete lapper = Fixtures.runner(laps, "l1", "Lap Runner", "OPEN");
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(laps, lapper);
            fx.read(TopologyFixture.split(laps, lapper, "LOOP", 1, "0:06:00"));
            fx.read(TopologyFixture.split(laps, lapper, "LOOP", 2, "0:36:00"));
            fx.read(TopologyFixture.split(laps, lapper, "LOOP", 2, "0:36:00"));
            fx.read(new SplitEvent(laps.raceId(), "l1", "L1", "LOOP", 52_000, 6, 10_000_000, Fixtures.START));

            final List<AthleteProjection> projections = fx.projections.readValuesToList();
            assertEquals(List.of(2_000.0, 12_000.0), projections.stream().map(AthleteProjection::distanceM).toList());
            assertEquals(180.0, projections.get(1).segmentPaceSecPerKm(), 0.01, "lap 2: 10 km in 30:00");
            assertEquals(Integer.valueOf(2), projections.get(1).lap());
            assertEquals("HALF", projections.get(1).nextTimingPointId(), "the half mat at 21.1 km comes before lap 3 at 22 km");
            final List<DeadLetter> rejected = fx.deadLetters.readValuesToList();
            assertEquals(1, rejected.size());
            assertEquals(DeadLetter.Reason.BEYOND_COURSE, rejected.get(0).code());
        }
    }
}
