package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.RaceAlert;
import io.racetracker.core.event.RaceAlert.Type;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.model.EvenPaceModel;
import io.racetracker.streams.athlete.AthleteHistory;
import io.racetracker.streams.athlete.AthleteTracker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One mat with a wrong clock must not make the field silent: the race clock moves only with reads that agree. */
class MatClockTest {
    private final Course course = Fixtures.marathon();
    private final Athlete ada = Fixtures.runner(course, "r1", "Ada Runner", "ELITE-M");
    private final Athlete bo = Fixtures.runner(course, "r2", "Bo Other", "ELITE-M");
    private final Athlete cy = Fixtures.runner(course, "r3", "Cy Third", "ELITE-M");

    @Test
    void aMatWhoseClockIsADayAheadMarksNobodyDidNotFinish() {
        try (TopologyFixture fx = new TopologyFixture(new EvenPaceModel(), Map.of("race.tracker.dnf.silence.ms", "1200000"))) {
            fx.register(course, ada, bo, cy);
            fx.read(course, ada, "5K", "0:15:00");
            fx.read(course, bo, "5K", "0:15:05");
            // the 10K mat's clock is a day ahead: every read it sends says so, chip times are right
            fx.read(dated(TopologyFixture.split(course, bo, "10K", null, "0:30:10"), Duration.ofDays(1)));
            fx.read(dated(TopologyFixture.split(course, cy, "10K", null, "0:30:20"), Duration.ofDays(1)));
            fx.advanceWallClock(Duration.ofSeconds(2));

            final List<RaceAlert> alerts = fx.alerts.readValuesToList();
            assertTrue(alerts.stream().noneMatch(a -> a.type() == Type.DID_NOT_FINISH), "nobody given up: " + alerts);
            assertEquals(2, fx.projections.readValuesToList().stream().filter(p -> p.timingPointId().equals("10K")).count(),
                    "the 10K splits still count: their chip times are the athletes' own");
        }
    }

    @Test
    void aReadWhoseTimeOfDayAgreesMovesTheClockHoweverFar() {
        try (TopologyFixture fx = new TopologyFixture(new EvenPaceModel(), Map.of("race.tracker.dnf.silence.ms", "1200000"))) {
            fx.register(course, ada, bo);
            fx.read(course, ada, "5K", "0:15:00");
            fx.read(course, bo, "5K", "0:15:05");
            // a long gap in a small field: Bo's next read is 70 minutes of race time later, and agrees with his start
            fx.read(course, bo, "25K", "1:25:00");
            fx.advanceWallClock(Duration.ofSeconds(2));

            assertEquals(List.of("r1"), fx.alerts.readValuesToList().stream().filter(a -> a.type() == Type.DID_NOT_FINISH)
                    .map(RaceAlert::athleteId).toList(), "Ada is overdue on the race's clock");
        }
    }

    @Test
    void aFirstReadThatImpliesAStartADayAfterTheGunDoesNotMoveTheClock() {
        final AthleteHistory none = AthleteHistory.EMPTY;
        final SplitEvent onTime = TopologyFixture.split(course, ada, "5K", null, "0:15:00");
        assertTrue(AthleteTracker.clockAgrees(none, onTime, course));
        assertTrue(AthleteTracker.clockAgrees(none, dated(onTime, Duration.ofHours(3)), course), "a late starter");
        assertTrue(!AthleteTracker.clockAgrees(none, dated(onTime, Duration.ofDays(1)), course), "a mat a day ahead");
        assertTrue(!AthleteTracker.clockAgrees(none, dated(onTime, Duration.ofHours(-2)), course), "a mat two hours behind");
    }

    private static SplitEvent dated(final SplitEvent read, final Duration off) {
        return new SplitEvent(read.raceId(), read.athleteId(), read.bib(), read.timingPointId(), read.distanceM(),
                read.lap(), read.elapsedMs(), read.readAt().plus(off));
    }
}
