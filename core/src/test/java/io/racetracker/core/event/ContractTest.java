package io.racetracker.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.racetracker.core.race.Courses;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
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

    /** The hand-written check says what the pattern of a race id says, on ids near and far from the pattern. */
    @Test
    void raceIdsAreCheckedAsTheirPatternSays() {
        final Pattern raceId = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
        final String alphabet = "aZ09._-/ \u00e9\t#Az";
        final Random random = new Random(11);
        for (int i = 0; i < 50_000; i++) {
            final StringBuilder id = new StringBuilder();
            final int length = random.nextInt(4) == 0 ? 60 + random.nextInt(8) : random.nextInt(6);
            for (int c = 0; c < length; c++) {
                id.append(random.nextInt(5) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : (char) ('a' + random.nextInt(26)));
            }
            final String text = id.toString();
            assertEquals(raceId.matcher(text).matches(), Contract.isRaceId(text), "'" + text + "'");
        }
        assertEquals(true, Contract.isRaceId("vienna-2019"));
        assertEquals(false, Contract.isRaceId("-vienna"));
        assertEquals(false, Contract.isRaceId("x".repeat(65)));
        assertEquals(true, Contract.isRaceId("x".repeat(64)));
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

    /** Courses of several zones asked in turn, from several threads, each get their own zone. */
    @Test
    void eachCourseHasItsOwnZoneWhateverWasAskedBefore() throws Exception {
        final TimingPoint finish = new TimingPoint("FINISH", null, 42_195, null);
        final List<Course> courses = new ArrayList<>();
        for (final String zone : List.of("Europe/Vienna", "America/New_York", "Asia/Tokyo", "UTC")) {
            // each name as a string of its own, as courses parsed apart have them
            courses.add(new Course("r", null, 42_195, null, AT, 1, List.of(finish)).withLocale(new String(zone), null, null));
        }
        courses.add(new Course("r", null, 42_195, null, AT, 1, List.of(finish)));
        final ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            final List<Future<?>> asked = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                final int seed = t;
                asked.add(threads.submit(() -> {
                    final Random random = new Random(seed);
                    for (int i = 0; i < 200_000; i++) {
                        final Course course = courses.get(random.nextInt(courses.size()));
                        assertEquals(ZoneId.of(course.timeZone()), course.zone(), course.timeZone());
                    }
                }));
            }
            for (final Future<?> done : asked) {
                done.get(1, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(ZoneId.of("UTC"), courses.get(courses.size() - 1).zone());
    }
}
