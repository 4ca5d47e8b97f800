package io.racetracker.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.Leaderboard;
import io.racetracker.core.event.Sex;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.race.Courses;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.AbstractList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {
    private static final SplitEvent SPLIT = new SplitEvent("vienna-2019", "eliud-kipchoge", "1", "LOOP", 10_800.0, 2,
            1_836_000L, Instant.parse("2019-10-12T06:45:36Z"));
    private final JsonSerde<SplitEvent> splits = JsonSerde.of(SplitEvent.class);

    @Test
    void splitEventRoundTripsAsReadableJson() {
        final byte[] bytes = splits.serialize("race-splits", SPLIT);
        final String json = new String(bytes, StandardCharsets.UTF_8);

        assertEquals(SPLIT, splits.deserialize("race-splits", bytes));
        assertTrue(json.contains("\"readAt\":\"2019-10-12T06:45:36Z\""), json);
        assertTrue(json.contains("\"elapsedMs\":1836000"), json);
        assertTrue(json.contains("\"distanceM\":10800.0"), json);
    }

    @Test
    void internalSerdeIsBinaryAndKeepsInstantsToTheMillisecond() {
        final JsonSerde<SplitEvent> internal = JsonSerde.internal(SplitEvent.class);
        final SplitEvent withMillis = new SplitEvent("vienna-2019", "eliud-kipchoge", "1", "LOOP", 10_800.0, 2,
                1_836_000L, Instant.parse("2019-10-12T06:45:36.123Z"));
        final byte[] bytes = internal.serialize("athlete-splits-changelog", withMillis);

        assertEquals(withMillis, internal.deserialize("athlete-splits-changelog", bytes));
        assertEquals(':', (char) bytes[0], "a Smile header, not JSON text");
        assertTrue(bytes.length < splits.serialize("race-splits", withMillis).length, "smaller than the JSON text");
        assertThrows(SerializationException.class, () -> internal.deserialize("x", splits.serialize("race-splits", withMillis)),
                "JSON text is not taken for Smile");
    }

    @Test
    void athleteAndCourseRoundTrip() {
        final Athlete athlete = new Athlete("sifan-hassan", "london-2023", "F1", "Sifan Hassan", "NED", Sex.F, "ELITE-F",
                30, 8_400_000L, false);
        final Course course = Courses.marathon("london-2023", "London Marathon 2023",
                Instant.parse("2023-04-23T08:02:00Z"), 7_300_000L);
        final JsonSerde<Athlete> athletes = JsonSerde.of(Athlete.class);
        final JsonSerde<Course> courses = JsonSerde.of(Course.class);

        assertEquals(athlete, athletes.deserialize("t", athletes.serialize("t", athlete)));
        assertEquals(course, courses.deserialize("t", courses.serialize("t", course)));
    }

    @Test
    void aRecordThatFailsHalfWrittenLeavesNothingInTheNext() throws Exception {
        // the serde keeps its generator from record to record: one that fails must not leave its half in the next
        final JsonSerde<Leaderboard> boards = JsonSerde.of(Leaderboard.class);
        final Leaderboard.Entry entry = new Leaderboard.Entry(1, "eliud-kipchoge", "1", "Eliud Kipchoge", "M", "HALF",
                21_097.5, 3_590_000L, 0L, "", 7_190_000L, 0.62, AthleteStatus.ON_COURSE);
        final List<Leaderboard.Entry> failing = new AbstractList<>() {
            @Override
            public Leaderboard.Entry get(final int index) {
                if (index > 0) {
                    throw new IllegalStateException("the second entry cannot be read");
                }
                return entry;
            }

            @Override
            public int size() {
                return 2;
            }
        };
        final Instant at = Instant.parse("2019-10-12T06:45:36Z");
        assertThrows(IllegalStateException.class,
                () -> boards.serialize("race-leaderboard", new Leaderboard("vienna-2019", "ALL", 2, failing, at)));
        final Leaderboard whole = new Leaderboard("vienna-2019", "ALL", 1, List.of(entry), at);
        assertEquals(Json.reflective().writeValueAsString(whole),
                new String(boards.serialize("race-leaderboard", whole), StandardCharsets.UTF_8));
    }

    @Test
    void nullInGivesNullOut() {
        assertNull(splits.serialize("race-splits", null));
        assertNull(splits.deserialize("race-splits", null));
    }

    @Test
    void malformedJsonIsASerializationExceptionSayingSo() {
        final SerializationException error = assertThrows(SerializationException.class,
                () -> splits.deserialize("race-splits", "{\"raceId\": \"x\",".getBytes(StandardCharsets.UTF_8)));
        assertTrue(error.getMessage().startsWith("Invalid SplitEvent: malformed JSON"), error.getMessage());
    }

    @Test
    void missingRequiredFieldIsNamed() {
        final String json = "{\"raceId\":\"r\",\"athleteId\":\"a\",\"timingPointId\":\"5K\",\"distanceM\":5000,"
                + "\"readAt\":\"2019-10-12T06:29:10Z\"}";
        final SerializationException error = assertThrows(SerializationException.class,
                () -> splits.deserialize("race-splits", json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(error.getMessage().contains("elapsedMs"), error.getMessage());
    }

    @Test
    void wrongTypeIsNamedWithItsField() {
        final String json = "{\"raceId\":\"r\",\"athleteId\":\"a\",\"timingPointId\":\"5K\",\"distanceM\":\"far\","
                + "\"elapsedMs\":850000,\"readAt\":\"2019-10-12T06:29:10Z\"}";
        final SerializationException error = assertThrows(SerializationException.class,
                () -> splits.deserialize("race-splits", json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(error.getMessage().contains("field 'distanceM'"), error.getMessage());
    }

    @Test
    void contractViolationIsReportedInPlainWords() {
        final String json = "{\"raceId\":\"r\",\"athleteId\":\"a\",\"timingPointId\":\"5K\",\"distanceM\":5000,"
                + "\"elapsedMs\":-5,\"readAt\":\"2019-10-12T06:29:10Z\"}";
        final SerializationException error = assertThrows(SerializationException.class,
                () -> splits.deserialize("race-splits", json.getBytes(StandardCharsets.UTF_8)));
        assertEquals("Invalid SplitEvent: elapsedMs must be >= 0 ms (was -5)", error.getMessage());
    }

    @Test
    void trailingGarbageIsRejected() {
        final byte[] bytes = (new String(splits.serialize("t", SPLIT), StandardCharsets.UTF_8) + "}")
                .getBytes(StandardCharsets.UTF_8);
        assertThrows(SerializationException.class, () -> splits.deserialize("race-splits", bytes));
    }
}
