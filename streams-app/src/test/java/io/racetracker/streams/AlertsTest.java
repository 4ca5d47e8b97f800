package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.event.BroadcastLine;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.RaceAlert;
import io.racetracker.core.event.RaceAlert.Type;
import io.racetracker.core.model.EvenPaceModel;
import io.racetracker.core.topic.Keys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Athlete alerts, did-not-finish and the broadcast feed. */
class AlertsTest {
    private final Course course = Fixtures.marathon();
    private final Athlete runner = Fixtures.runner(course, "r1", "Ada Runner", "ELITE-M");

    private static List<Type> types(final List<RaceAlert> alerts) {
        return alerts.stream().map(RaceAlert::type).toList();
    }

    @Test
    void chanceThresholdsAndTargetPaceRaiseAlertsBothWays() {
        try (TopologyFixture fx = new TopologyFixture(new EvenPaceModel())) {
            fx.register(course, runner);
            // exactly 2:00 pace: P(sub-2) at one half, on schedule
            fx.read(course, runner, "10K", "0:28:26");
            assertEquals(List.of(Type.RECORD_PACE), types(fx.alerts.readValuesToList()),
                    "2:00 pace is under the 2:02:37 record; no chance or schedule alert on a first split");

            // a slow 5 km: behind schedule, chance falls below 50%
            fx.read(course, runner, "15K", "0:43:30");
            final List<RaceAlert> slower = fx.alerts.readValuesToList();
            assertEquals(List.of(Type.TARGET_CHANCE_DOWN, Type.OFF_TARGET_PACE), types(slower));
            assertTrue(slower.get(0).message().startsWith("RUNNER's chance of sub-2:00 falls below 50%"), slower.get(0).message());
            assertEquals("RUNNER falls behind sub-2:00 schedule, 50 s behind at 15 km", slower.get(1).message());

            // a very fast 5 km: back ahead, chance back above 50%
            fx.read(course, runner, "20K", "0:55:40");
            final List<RaceAlert> faster = fx.alerts.readValuesToList();
            assertEquals(List.of(Type.TARGET_CHANCE_UP, Type.BACK_ON_TARGET_PACE), types(faster));
            assertTrue(faster.get(0).message().contains("rises above 50%"), faster.get(0).message());
        }
    }

    @Test
    void aFinishUnderTheRecordSaysSo() {
        try (TopologyFixture fx = new TopologyFixture(new EvenPaceModel())) {
            fx.register(course, runner);
            fx.read(course, runner, "40K", "1:53:36");
            fx.alerts.readValuesToList();
            fx.read(course, runner, "FINISH", "1:59:40.2");
            final RaceAlert finish = fx.alerts.readValuesToList().stream().filter(a -> a.type() == Type.FINISH)
                    .findFirst().orElseThrow();
            assertEquals("RUNNER finishes in 1:59:40, sub-2:00, a course record", finish.message());
            assertEquals(7_180_200.0, finish.value());
        }
    }

    @Test
    void anAthleteSilentTooLongDidNotFinishAndComesBackWithTheNextRead() {
        final Athlete other = Fixtures.runner(course, "r2", "Bo Other", "ELITE-M");
        try (TopologyFixture fx = new TopologyFixture(new EvenPaceModel(), Map.of("race.tracker.dnf.silence.ms", "1200000"))) {
            fx.register(course, runner, other);
            fx.read(course, runner, "5K", "0:15:00");
            fx.read(course, other, "5K", "0:15:05");
            fx.read(course, other, "10K", "0:30:10");
            fx.advanceWallClock(Duration.ofSeconds(2));
            assertTrue(fx.alerts.readValuesToList().stream().noneMatch(a -> a.type() == Type.DID_NOT_FINISH));

            // the race clock moves on with the other runner: 45 minutes without a read from r1
            fx.read(course, other, "20K", "1:00:20");
            fx.advanceWallClock(Duration.ofSeconds(2));

            final List<RaceAlert> dnf = fx.alerts.readValuesToList().stream()
                    .filter(a -> a.type() == Type.DID_NOT_FINISH).toList();
            assertEquals(1, dnf.size());
            assertEquals("r1", dnf.get(0).athleteId());
            assertEquals("RUNNER did not finish: no read since 5 km at 0:15:00", dnf.get(0).message());
            assertEquals(AthleteStatus.DNF, lastState(fx, "r1"));

            fx.read(course, runner, "25K", "1:20:00");
            assertEquals(AthleteStatus.ON_COURSE, lastState(fx, "r1"), "a read after all: back on course");
        }
    }

    @Test
    void pacemakersAreTrackedButRaiseNoAlertsOrBroadcasts() {
        final Athlete pacer = Fixtures.pacemaker(course, "p1", "Pace Maker");
        try (TopologyFixture fx = new TopologyFixture(new EvenPaceModel(), Map.of("race.tracker.dnf.silence.ms", "600000"))) {
            fx.register(course, pacer, runner);
            fx.read(course, pacer, "10K", "0:28:26");
            fx.read(course, pacer, "15K", "0:43:30");
            fx.read(course, runner, "30K", "1:30:00");
            fx.advanceWallClock(Duration.ofSeconds(2));

            assertEquals(2, fx.projections.readKeyValuesToList().stream().filter(kv -> Keys.athleteOf(kv.key).equals("p1")).count());
            assertEquals(AthleteStatus.DNF, lastState(fx, "p1"), "stepped off: did not finish");
            assertTrue(fx.alerts.readValuesToList().stream().noneMatch(a -> a.athleteId().equals("p1")));
            assertTrue(fx.broadcasts.readValuesToList().stream().noneMatch(b -> b.athleteId().equals("p1")));
        }
    }

    private static AthleteStatus lastState(final TopologyFixture fx, final String athleteId) {
        return fx.state.readKeyValuesToList().stream().filter(kv -> Keys.athleteOf(kv.key).equals(athleteId))
                .reduce((a, b) -> b).orElseThrow().value.status();
    }

    @Test
    void broadcastLinesAreRateLimitedPerAthleteButFinishesAlwaysGoOut() {
        try (TopologyFixture fx = new TopologyFixture(new EvenPaceModel(), Map.of("race.tracker.broadcast.interval.ms", "600000"))) {
            fx.register(course, runner);
            fx.read(course, runner, "20K", "0:56:47");
            fx.read(course, runner, "HALF", "0:59:35");
            fx.read(course, runner, "25K", "1:10:59");
            fx.read(course, runner, "FINISH", "1:59:40.2");

            final List<BroadcastLine> lines = fx.broadcasts.readValuesToList();
            assertEquals(List.of("20K", "25K", "FINISH"), lines.stream().map(BroadcastLine::timingPointId).toList(),
                    "the half came under 10 minutes after 20K");
            assertEquals("RUNNER 1:59:48 PROJ - 52% SUB-2:00 - +7 s AT 25 KM", lines.get(1).text());
            assertEquals("RUNNER FINISHES 1:59:40 - SUB-2:00", lines.get(2).text());
        }
    }
}
