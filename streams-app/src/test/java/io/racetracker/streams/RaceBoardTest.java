package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.Leaderboard;
import io.racetracker.core.event.RaceAlert;
import io.racetracker.core.event.RaceAlert.Type;
import io.racetracker.core.event.RaceResult;
import io.racetracker.core.topic.Keys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Leaderboards per race and category, lead changes, break-aways and results with places. */
class RaceBoardTest {
    private final Course course = Fixtures.marathon();
    private final Athlete kiptum = Fixtures.runner(course, "kiptum", "Kelvin Kiptum", "ELITE-M");
    private final Athlete kamworor = Fixtures.runner(course, "kamworor", "Geoffrey Kamworor", "ELITE-M");
    private final Athlete hassan = Fixtures.runner(course, "hassan", "Sifan Hassan", "ELITE-F");
    private final Athlete pacer = Fixtures.pacemaker(course, "pacer", "Pace Maker");

    private static Map<String, Leaderboard> latestBoards(final TopologyFixture fx) {
        return fx.leaderboards.readKeyValuesToList().stream()
                .collect(Collectors.toMap(kv -> kv.key, kv -> kv.value, (a, b) -> b));
    }

    @Test
    void positionsAndGapsAtTheLatestMatPerCategoryAndOverall() {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course, kiptum, kamworor, hassan, pacer);
            fx.read(course, pacer, "10K", "0:28:50");
            fx.read(course, kiptum, "10K", "0:28:55");
            fx.read(course, kamworor, "10K", "0:29:00");
            fx.read(course, hassan, "10K", "0:32:10");
            fx.read(course, kamworor, "15K", "0:43:10");
            fx.advanceWallClock(Duration.ofSeconds(2));

            final Map<String, Leaderboard> boards = latestBoards(fx);
            final Leaderboard men = boards.get("test-marathon/ELITE-M");
            assertEquals(List.of("kamworor", "kiptum"), men.entries().stream().map(Leaderboard.Entry::athleteId).toList(),
                    "furthest first; the pacemaker is left off");
            assertEquals(0, men.entries().get(0).gapMs(), "leader at 15K");
            assertEquals(0, men.entries().get(1).gapMs(), "fastest at 10K among those whose latest mat is 10K");
            final Leaderboard all = boards.get("test-marathon/ALL");
            assertEquals(3, all.athletes());
            assertEquals(List.of(1, 2, 3), all.entries().stream().map(Leaderboard.Entry::position).toList());
            assertEquals("hassan", all.entries().get(2).athleteId());
            assertEquals(195_000, all.entries().get(2).gapMs(), "32:10 against Kiptum's 28:55 at 10K");
            assertEquals("+3:15", all.entries().get(2).gap());
            assertEquals(List.of("hassan"), boards.get("test-marathon/ELITE-F").entries().stream()
                    .map(Leaderboard.Entry::athleteId).toList());

            fx.advanceWallClock(Duration.ofSeconds(2));
            assertTrue(fx.leaderboards.isEmpty(), "unchanged boards are not published again");
        }
    }

    @Test
    void aLeadChangeIsCalledButAPackReshuffleIsNot() {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course, kiptum, kamworor);
            fx.read(course, kamworor, "5K", "0:14:30");
            fx.read(course, kiptum, "5K", "0:14:30.4");
            fx.read(course, kiptum, "10K", "0:29:00");
            fx.read(course, kamworor, "10K", "0:29:00.5");
            assertTrue(fx.alerts.readValuesToList().stream().noneMatch(a -> a.type() == Type.LEAD_CHANGE),
                    "within a second of each other in the pack");

            fx.read(course, kamworor, "15K", "0:43:20");
            fx.read(course, kiptum, "15K", "0:43:25");
            final List<RaceAlert> changes = fx.alerts.readValuesToList().stream()
                    .filter(a -> a.type() == Type.LEAD_CHANGE).toList();
            assertEquals(1, changes.size());
            assertEquals("kamworor", changes.get(0).athleteId());
            assertEquals("KAMWOROR takes the lead in ELITE-M at 15K, ahead of KIPTUM", changes.get(0).message());
        }
    }

    @Test
    void aBreakAwayIsCalledWhenTheSecondArrivesFarEnoughBehind() {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course, kiptum, kamworor);
            fx.read(course, kiptum, "30K", "1:27:23");
            fx.read(course, kamworor, "30K", "1:27:26");
            fx.read(course, kiptum, "35K", "1:41:12");
            fx.read(course, kamworor, "35K", "1:41:40");

            final List<RaceAlert> breaks = fx.alerts.readValuesToList().stream()
                    .filter(a -> a.type() == Type.BREAKAWAY).toList();
            assertEquals(1, breaks.size());
            assertEquals("kiptum", breaks.get(0).athleteId());
            assertEquals(28_000.0, breaks.get(0).value());
            assertEquals("KIPTUM breaks away: 28 s clear of KAMWOROR at 35K", breaks.get(0).message());
        }
    }

    @Test
    void finishersGetTheirPlaceOverallAndInTheirCategory() {
        try (TopologyFixture fx = new TopologyFixture(io.racetracker.core.model.Models.live(),
                Map.of("race.tracker.leaderboard.size", "2"))) {
            fx.register(course, kiptum, kamworor, hassan, pacer);
            fx.read(course, pacer, "30K", "1:27:00");
            fx.read(course, kiptum, "FINISH", "2:01:25");
            fx.read(course, kamworor, "FINISH", "2:04:23");
            fx.read(course, hassan, "FINISH", "2:18:33");

            final Map<String, RaceResult> results = fx.results.readKeyValuesToList().stream()
                    .collect(Collectors.toMap(kv -> Keys.athleteOf(kv.key), kv -> kv.value));
            assertEquals(3, results.size(), "the pacemaker has no result");
            assertEquals(1, results.get("kiptum").place());
            assertEquals(2, results.get("kamworor").place());
            assertEquals(3, results.get("hassan").place());
            assertEquals(1, results.get("hassan").categoryPlace());
            assertEquals("2:18:33", results.get("hassan").finishTime());

            fx.advanceWallClock(Duration.ofSeconds(2));
            final Leaderboard all = latestBoards(fx).get("test-marathon/ALL");
            assertEquals(2, all.entries().size(), "the board is cut at its configured size");
            assertEquals(3, all.athletes(), "but counts everyone");
            assertEquals(178_000, all.entries().get(1).gapMs(), "Kamworor 2:58 behind at the finish");
        }
    }

    @Test
    void aFasterFinisherArrivingLateMovesTheTopFinishersDown() {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course, kiptum, kamworor, hassan);
            fx.read(course, hassan, "FINISH", "2:18:33");
            fx.read(course, kamworor, "FINISH", "2:04:23");
            fx.read(course, kiptum, "FINISH", "2:01:25");

            final Map<String, RaceResult> latest = fx.results.readKeyValuesToList().stream()
                    .collect(Collectors.toMap(kv -> Keys.athleteOf(kv.key), kv -> kv.value, (a, b) -> b));
            assertEquals(1, latest.get("kiptum").place());
            assertEquals(2, latest.get("kamworor").place(), "published again when Kiptum came in faster");
            assertEquals(2, latest.get("kamworor").categoryPlace());
            assertEquals(3, latest.get("hassan").place());
            assertEquals(1, latest.get("hassan").categoryPlace(), "no one faster in her category");
        }
    }

}
