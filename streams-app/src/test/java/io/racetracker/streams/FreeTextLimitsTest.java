package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.Leaderboard;
import io.racetracker.core.event.RaceAlert;
import io.racetracker.core.event.RaceResult;
import io.racetracker.core.topic.Keys;
import io.racetracker.streams.athlete.AthleteHistory;
import io.racetracker.streams.board.BoardHarness;
import io.racetracker.streams.board.BoardOutput;
import io.racetracker.streams.board.BoardUpdate;
import io.racetracker.streams.board.RaceBoard;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * Categories and names are free text from the registrations: however many categories a race's entrants make up,
 * and however long a name, the tracker's memory and its outputs stay bounded.
 */
class FreeTextLimitsTest {
    private final Course course = Fixtures.marathon();

    private static Map<String, Leaderboard> latestBoards(final TopologyFixture fx) {
        final Map<String, Leaderboard> boards = new LinkedHashMap<>();
        fx.leaderboards.readKeyValuesToList().forEach(kv -> boards.put(kv.key, kv.value));
        return boards;
    }

    @Test
    void aThousandJunkCategoriesMakeAtMostTheCapOfBoardsAndEveryAthleteStillCountsOnTheRaceBoard() {
        try (TopologyFixture fx = new TopologyFixture()) {
            final List<Athlete> field = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                field.add(Fixtures.runner(course, "runner-" + i, "Runner " + i, "junk category " + i));
            }
            fx.register(course, field.toArray(Athlete[]::new));
            for (int i = 0; i < field.size(); i++) {
                fx.read(course, field.get(i), "5K", "0:20:" + String.format("%02d", i % 60));
            }
            fx.advanceWallClock(Duration.ofSeconds(2));

            final Map<String, Leaderboard> boards = latestBoards(fx);
            final Set<String> categories = boards.values().stream().map(Leaderboard::category)
                    .filter(c -> !c.equals(RaceBoard.ALL)).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(TrackerOptions.defaults().maxCategoryBoards(), categories.size(),
                    "one board per category up to the cap, none beyond: " + categories.size());
            assertEquals(1_000, boards.get(Keys.leaderboard(course.raceId(), RaceBoard.ALL)).athletes(),
                    "athletes of categories beyond the cap count on the race's board");
        }
    }

    @Test
    void theCapOfCategoryBoardsIsASetting() {
        try (TopologyFixture fx = new TopologyFixture(io.racetracker.core.model.Models.live(),
                Map.of("race.tracker.leaderboard.max.categories", "2"))) {
            final Athlete a = Fixtures.runner(course, "a", "Runner A", "F35");
            final Athlete b = Fixtures.runner(course, "b", "Runner B", "M35");
            final Athlete c = Fixtures.runner(course, "c", "Runner C", "M40");
            fx.register(course, a, b, c);
            fx.read(course, a, "5K", "0:20:00");
            fx.read(course, b, "5K", "0:20:10");
            fx.read(course, c, "5K", "0:20:20");
            fx.read(course, c, "FINISH", "2:59:00");
            fx.advanceWallClock(Duration.ofSeconds(2));

            final Map<String, Leaderboard> boards = latestBoards(fx);
            assertEquals(Set.of("test-marathon/F35", "test-marathon/M35", "test-marathon/ALL"), boards.keySet());
            final RaceResult result = fx.results.readValuesToList().get(0);
            assertEquals(1, result.place());
            assertEquals(0, result.categoryPlace(), "a category without a board gives no category place");
        }
    }

    @Test
    void theCategoriesThatHaveBoardsKeepThemAfterARestart() {
        final Instant start = Fixtures.START;
        final TrackerOptions two = new TrackerOptions(List.of(0.5, 0.9), Duration.ofMinutes(1), Duration.ofMinutes(20),
                Duration.ofSeconds(1), 25, Duration.ofSeconds(1), Duration.ofSeconds(10), 2);
        final BoardHarness.Stores4 stores = BoardHarness.Stores4.create();
        // categories arriving in the reverse of the stores' key order: a rebuild going by key order would pick others
        final List<BoardUpdate> before = List.of(update("z1", "Z", 1_200_000, start), update("y1", "Y", 1_210_000, start),
                update("a1", "A", 1_220_000, start));
        BoardHarness.feed(boardOn(two, stores), before);

        final RaceBoard restarted = new RaceBoard(two);
        final MockProcessorContext<String, BoardOutput> context = BoardHarness.start(restarted, stores);
        BoardHarness.feed(restarted, List.of(update("a2", "A", 1_230_000, start), update("z2", "Z", 1_240_000, start)));
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(start.plusSeconds(3_600).toEpochMilli());
        final Set<String> published = context.forwarded().stream().map(f -> f.record().value().leaderboard())
                .filter(java.util.Objects::nonNull).map(Leaderboard::category).collect(Collectors.toSet());
        assertEquals(Set.of("Z", RaceBoard.ALL), published, "Z kept its board, A still has none");
        final KeyValueStore<String, Leaderboard> boards = stores.published();
        assertEquals(5, boards.get(Keys.leaderboard("test-marathon", RaceBoard.ALL)).athletes());
        assertEquals(2, boards.get(Keys.leaderboard("test-marathon", "Z")).athletes());
    }

    private static RaceBoard boardOn(final TrackerOptions options, final BoardHarness.Stores4 stores) {
        final RaceBoard board = new RaceBoard(options);
        BoardHarness.start(board, stores);
        return board;
    }

    private static BoardUpdate update(final String athleteId, final String category, final long elapsedMs,
                                      final Instant start) {
        return new BoardUpdate("test-marathon", athleteId, athleteId, "Runner " + athleteId, category, false, "5K", "5K",
                5_000, elapsedMs, elapsedMs * 8, 0.5, AthleteStatus.ON_COURSE, start.plusMillis(elapsedMs));
    }

    @Test
    void aTenThousandCharacterNameIsPublishedCutToAHundredWithAnEllipsisAndKeptWholeInTheRegistration() {
        final String longName = "Very Long " + "x".repeat(10_000 - 10);
        final String shown = LiveText.shownName(longName);
        assertEquals(LiveText.MAX_NAME_LENGTH, shown.length());
        assertTrue(shown.endsWith("\u2026") && longName.startsWith(shown.substring(0, shown.length() - 1)), shown);
        try (TopologyFixture fx = new TopologyFixture()) {
            final Athlete athlete = Fixtures.runner(course, "long-name", longName, "ELITE-M");
            fx.register(course, athlete);
            fx.read(course, athlete, "5K", "0:14:00");
            fx.read(course, athlete, "10K", "0:28:00");
            fx.read(course, athlete, "FINISH", "1:59:00");
            fx.advanceWallClock(Duration.ofSeconds(2));

            final List<AthleteProjection> projections = fx.projections.readValuesToList();
            assertEquals(3, projections.size());
            projections.forEach(p -> assertEquals(shown, p.name(), "projection"));
            fx.state.readValuesToList().forEach(p -> assertEquals(shown, p.name(), "state"));
            final Leaderboard board = latestBoards(fx).get(Keys.leaderboard(course.raceId(), RaceBoard.ALL));
            assertEquals(shown, board.entries().get(0).name(), "leaderboard");
            assertEquals(shown, fx.results.readValuesToList().get(0).name(), "result");
            final List<RaceAlert> alerts = fx.alerts.readValuesToList();
            assertFalse(alerts.isEmpty());
            alerts.forEach(a -> {
                assertEquals(shown, a.name(), "alert");
                assertTrue(a.message().length() < 400, "alert message: " + a.message().length() + " characters");
            });
            fx.broadcasts.readValuesToList().forEach(b -> assertTrue(b.text().length() < 400,
                    "broadcast line: " + b.text().length() + " characters"));
            final KeyValueStore<String, AthleteHistory> registry = fx.driver.getKeyValueStore(StateNames.ATHLETE_SPLITS_STORE);
            assertEquals(longName, registry.get(athlete.key()).athlete().name(), "the registration keeps the whole name");
        }
    }

    @Test
    void shortNamesAndNamesOfExactlyTheLimitAreLeftAlone() {
        assertEquals("Eliud Kipchoge", LiveText.shownName("Eliud Kipchoge"));
        final String hundred = "\uD83C\uDFC3".repeat(LiveText.MAX_NAME_LENGTH);
        assertEquals(hundred, LiveText.shownName(hundred), "a hundred characters outside the BMP fit");
        final String cut = LiveText.shownName(hundred + "\uD83C\uDFC3");
        assertEquals(LiveText.MAX_NAME_LENGTH, cut.codePointCount(0, cut.length()));
        assertTrue(Character.isHighSurrogate(cut.charAt(cut.length() - 3)) && cut.endsWith("\u2026"),
                "cut between characters, never inside a surrogate pair");
    }
}
