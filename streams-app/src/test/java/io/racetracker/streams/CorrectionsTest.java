package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.event.Correction;
import io.racetracker.core.event.Correction.Type;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.DeadLetter.Reason;
import io.racetracker.core.event.Leaderboard;
import io.racetracker.core.event.RaceResult;
import io.racetracker.core.race.RaceTime;
import io.racetracker.core.topic.Keys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * An operator's corrections: the tracker recomputes the athlete's state, and through the race boards the results
 * and places, from the corrected history. A correction that cannot apply is a dead letter that says why.
 */
class CorrectionsTest {
    private final Course course = Fixtures.marathon();
    private final Athlete ann = Fixtures.runner(course, "ann", "Ann Able", "F35");
    private final Athlete bea = Fixtures.runner(course, "bea", "Bea Best", "F35");
    private final Athlete cat = Fixtures.runner(course, "cat", "Cat Close", "F40");

    @Test
    void aMissedFinishEnteredByHandGivesTheResult() {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course, ann);
            fx.read(course, ann, "40K", "2:40:00");
            fx.correct(correction(ann, Type.MANUAL_TIME, "FINISH", RaceTime.parse("2:48:55"), null));

            final List<AthleteProjection> states = fx.state.readValuesToList();
            assertEquals(AthleteStatus.FINISHED, states.get(states.size() - 1).status());
            final RaceResult result = fx.results.readValue();
            assertEquals("2:48:55", result.finishTime());
            assertEquals(1, result.place());
        }
    }

    @Test
    void aVoidedFinishWithdrawsTheResultAndMovesTheOthersUp() {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course, ann, bea);
            fx.read(course, ann, "40K", "2:20:00");
            fx.read(course, ann, "FINISH", "2:28:00"); // a chip read at the finish that was not Ann's
            fx.read(course, bea, "FINISH", "2:35:00");
            assertEquals(2, latestResults(fx).get("bea").place());

            fx.correct(correction(ann, Type.VOID_READ, "FINISH", null, null));
            final List<TestRecord<String, RaceResult>> after = fx.results.readRecordsToList();
            assertTrue(after.stream().anyMatch(r -> r.key().equals(ann.key()) && r.value() == null),
                    "Ann's result withdrawn (a tombstone on the compacted topic): " + after);
            assertEquals(1, after.stream().filter(r -> r.key().equals(bea.key()) && r.value() != null)
                    .reduce((a, b) -> b).orElseThrow().value().place(), "Bea moves up");
            final List<AthleteProjection> states = fx.state.readValuesToList();
            assertEquals(AthleteStatus.ON_COURSE, states.get(states.size() - 1).status(), "Ann is back at 40 km");
        }
    }

    /** Voiding an athlete's only read leaves them no state: a tombstone for their state, and off the boards. */
    @Test
    void voidingTheOnlyReadRemovesTheStateAndTheBoardPlace() {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course, ann, bea);
            fx.read(course, ann, "5K", "0:17:00"); // a chip read that was not Ann's: she never started
            fx.read(course, bea, "5K", "0:18:00");
            fx.advanceWallClock(Duration.ofSeconds(2));
            assertEquals(List.of("ann", "bea"), latestBoard(fx).entries().stream().map(Leaderboard.Entry::athleteId).toList());
            fx.state.readRecordsToList();

            fx.correct(correction(ann, Type.VOID_READ, "5K", null, null));
            fx.advanceWallClock(Duration.ofSeconds(2));
            final List<TestRecord<String, AthleteProjection>> states = fx.state.readRecordsToList();
            assertEquals(1, states.size(), "one record: " + states);
            assertEquals(ann.key(), states.get(0).key());
            assertEquals(null, states.get(0).value(), "a tombstone: Ann has no state");
            assertEquals(List.of("bea"), latestBoard(fx).entries().stream().map(Leaderboard.Entry::athleteId).toList(),
                    "Ann off the board, Bea first");

            // a true read later puts her back
            fx.read(course, ann, "10K", "0:36:00");
            fx.advanceWallClock(Duration.ofSeconds(2));
            assertEquals(List.of("ann", "bea"), latestBoard(fx).entries().stream().map(Leaderboard.Entry::athleteId).toList());
        }
    }

    private static Leaderboard latestBoard(final TopologyFixture fx) {
        return fx.leaderboards.readValuesToList().stream().filter(b -> b.category().equals("ALL")).reduce((a, b) -> b)
                .orElseThrow();
    }

    @Test
    void aDisqualifiedAthleteLeavesTheBoardsAndTheResults() {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course, ann, bea, cat);
            fx.read(course, ann, "FINISH", "2:30:00");
            fx.read(course, bea, "FINISH", "2:31:00");
            fx.read(course, cat, "FINISH", "2:32:00");
            fx.results.readValuesToList();

            fx.correct(correction(ann, Type.DISQUALIFY, null, null, null));
            fx.advanceWallClock(Duration.ofSeconds(2));
            final Map<String, RaceResult> results = latestResults(fx);
            assertTrue(results.containsKey("ann") && results.get("ann") == null, "withdrawn: " + results);
            assertEquals(1, results.get("bea").place());
            assertEquals(2, results.get("cat").place());
            final Leaderboard all = fx.leaderboards.readValuesToList().stream()
                    .filter(b -> b.category().equals("ALL")).reduce((a, b) -> b).orElseThrow();
            assertEquals(List.of("bea", "cat"), all.entries().stream().map(Leaderboard.Entry::athleteId).toList());
            final List<AthleteProjection> states = fx.state.readValuesToList();
            assertEquals(AthleteStatus.DSQ, states.get(states.size() - 1).status());

            fx.correct(correction(ann, Type.REINSTATE, null, null, null));
            assertEquals(1, latestResults(fx).get("ann").place(), "reinstated: her place back");
        }
    }

    @Test
    void aCategoryChangeMovesTheAthleteToTheOtherBoard() {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course, ann, cat);
            fx.read(course, ann, "FINISH", "2:30:00");
            fx.read(course, cat, "FINISH", "2:32:00");
            fx.results.readValuesToList();

            fx.correct(correction(ann, Type.CHANGE_CATEGORY, null, null, "F40"));
            fx.read(course, ann, "FINISH", "2:30:00"); // a repeated read: her state again, in her new category
            final List<AthleteProjection> states = fx.state.readValuesToList();
            assertEquals("F40", states.get(states.size() - 1).category());
            fx.athletes.pipeInput(ann.key(), ann, course.startTime().plusSeconds(10_000));
            fx.read(course, ann, "FINISH", "2:30:00");
            final List<AthleteProjection> again = fx.state.readValuesToList();
            assertEquals("F40", again.get(again.size() - 1).category(), "a registration sent again keeps the correction");
        }
    }

    @Test
    void aCorrectionThatCannotApplySaysWhy() {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course, ann);
            fx.read(course, ann, "10K", "0:40:00");
            fx.correct(correction(ann, Type.VOID_READ, "30K", null, null));
            fx.correct(correction(ann, Type.MANUAL_TIME, "20K", RaceTime.parse("0:30:00"), null));

            final List<DeadLetter> letters = fx.deadLetters.readValuesToList();
            assertEquals(List.of(Reason.INVALID_CORRECTION, Reason.INVALID_CORRECTION),
                    letters.stream().map(DeadLetter::code).toList());
            assertTrue(letters.get(0).reason().endsWith("no accepted read at 30K to void"), letters.get(0).reason());
            assertTrue(letters.get(1).reason().contains("time runs backwards"), letters.get(1).reason());
            assertTrue(letters.get(1).reason().contains("by Race Control"), "the operator is named");
        }
    }

    private Correction correction(final Athlete athlete, final Type type, final String mat, final Long elapsedMs,
                                  final String category) {
        return new Correction(UUID.randomUUID().toString(), type, athlete.raceId(), athlete.athleteId(), mat, null,
                elapsedMs, category, null, "checked on the finish video", "Race Control",
                course.startTime().plus(Duration.ofHours(3)));
    }

    private static Map<String, RaceResult> latestResults(final TopologyFixture fx) {
        final Map<String, RaceResult> latest = new java.util.HashMap<>();
        fx.results.readRecordsToList().forEach(r -> latest.put(Keys.athleteOf(r.key()), r.value()));
        return latest;
    }
}
