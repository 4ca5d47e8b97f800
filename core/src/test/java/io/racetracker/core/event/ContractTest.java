package io.racetracker.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.racetracker.core.race.Courses;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractTest {
    private static final Instant AT = Instant.parse("2019-10-12T06:29:10Z");

    @Test
    void blankIdsAreRejectedByName() {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new SplitEvent("r", " ", null, "5K", 5000, null, 850_000, AT));
        assertEquals("athleteId is required and must not be blank", error.getMessage());
    }

    @Test
    void negativeDistanceAndLapZeroAreRejected() {
        assertEquals("distanceM must be a finite number of metres >= 0 (was -1.0)", assertThrows(
                IllegalArgumentException.class, () -> new SplitEvent("r", "a", null, "5K", -1, null, 1, AT)).getMessage());
        assertEquals("lap must be >= 1 when present (was 0)", assertThrows(
                IllegalArgumentException.class, () -> new SplitEvent("r", "a", null, "5K", 1, 0, 1, AT)).getMessage());
    }

    @Test
    void crossingIdsTellLapsApart() {
        assertEquals("LOOP#3", new SplitEvent("r", "a", null, "LOOP", 20_400, 3, 1, AT).crossingId());
        assertEquals("5K", new SplitEvent("r", "a", null, "5K", 5_000, null, 1, AT).crossingId());
    }

    @Test
    void athleteDefaultsSexAndCategory() {
        final Athlete athlete = new Athlete("a", "r", null, "A Runner", null, null, null, null, null, false);
        assertEquals(Sex.X, athlete.sex());
        assertEquals("OPEN", athlete.category());
    }

    @Test
    void courseFindsCrossingsAndTheNextMat() {
        final Course course = Courses.marathon("r", null, AT, Course.SUB_TWO_HOURS_MS);
        assertEquals(21_097.5, course.crossing("HALF", null).orElseThrow().distanceM());
        assertEquals("25K", course.nextAfter(21_097.5).orElseThrow().id());
        assertEquals("FINISH", course.finish().id());
        assertEquals(true, course.nextAfter(42_195).isEmpty());
    }

    @Test
    void courseRejectsMatsBeyondItsDistanceAndRepeatedCrossings() {
        final TimingPoint beyond = new TimingPoint("X", null, 50_000, null);
        assertThrows(IllegalArgumentException.class,
                () -> new Course("r", null, 42_195, null, AT, 1, List.of(beyond)));
        final TimingPoint loop = new TimingPoint("LOOP", null, 1_200, 1);
        final TimingPoint sameLoop = new TimingPoint("LOOP", null, 10_800, 1);
        assertEquals("timing point LOOP#1 appears twice", assertThrows(IllegalArgumentException.class,
                () -> new Course("r", null, 42_195, 9_600.0, AT, 1, List.of(loop, sameLoop))).getMessage());
    }
}
