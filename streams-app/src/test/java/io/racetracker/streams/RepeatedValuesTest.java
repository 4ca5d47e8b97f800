package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.racetracker.core.event.Course;
import io.racetracker.core.json.JsonSerde;
import io.racetracker.core.race.Courses;
import org.junit.jupiter.api.Test;

class RepeatedValuesTest {
    private final JsonSerde<Course> json = JsonSerde.of(Course.class);
    private final RepeatedValues<Course> courses = new RepeatedValues<>(json);

    @Test
    void theSameBytesGiveTheSameInstanceAndNewBytesAreParsed() {
        final Course marathon = Courses.marathon("berlin", "Berlin", java.time.Instant.parse("2025-09-21T07:15:00Z"), 7_200_000L);
        final byte[] bytes = json.serialize("race-courses", marathon);
        final Course first = courses.deserialize("race-courses", bytes);

        assertEquals(marathon, first);
        assertSame(first, courses.deserialize("race-courses", bytes.clone()), "equal bytes in another array");

        final Course changed = marathon.withCourseRecord(7_500_000L);
        final Course second = courses.deserialize("race-courses", json.serialize("race-courses", changed));
        assertEquals(changed, second);
        assertNotSame(first, second);
        assertSame(first, courses.deserialize("race-courses", bytes), "still remembered after another value");
        assertNull(courses.deserialize("race-courses", null));
    }

    @Test
    void bytesChangedAfterReadingDoNotChangeWhatIsRemembered() {
        final byte[] bytes = json.serialize("race-courses", Courses.marathon("berlin", "Berlin", java.time.Instant.parse("2025-09-21T07:15:00Z"), 7_200_000L));
        final Course first = courses.deserialize("race-courses", bytes);
        bytes[bytes.length - 2] = ' ';

        assertSame(first, courses.deserialize("race-courses", json.serialize("race-courses", first)));
    }
}
