package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Course;
import io.racetracker.core.topic.SourceHeader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Every record written because of a read names that read in the {@code rt-source} header, so that {@code verify} can
 * account for each read by its position; the values stay as they were.
 */
class SourceHeaderTest {
    private final Course course = Fixtures.marathon();
    private final Athlete runner = Fixtures.runner(course, "r1", "Ada Runner", "OPEN");

    @Test
    void projectionsStatesDuplicatesAndDeadLettersNameTheirRead() {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course, runner);
            fx.read(course, runner, "5K", "0:15:00");                       // offset 0: accepted
            fx.read(course, runner, "5K", "0:15:01");                       // offset 1: a duplicate
            fx.readRaw(runner.key(), "{\"raceId\": ");                       // offset 2: malformed
            fx.read(course, runner, "10K", "0:30:00");                      // offset 3: accepted

            assertEquals(List.of("race-splits/0/0", "race-splits/0/3"), sources(fx.projections.readRecordsToList()));
            assertEquals(List.of("race-splits/0/0", "race-splits/0/1", "race-splits/0/3"),
                    sources(fx.state.readRecordsToList()));
            assertEquals(List.of("race-splits/0/2"), sources(fx.deadLetters.readRecordsToList()));
        }
    }

    @Test
    void aSenderCannotSetTheSource() {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course, runner);
            final TestRecord<String, byte[]> read = new TestRecord<>(runner.key(),
                    io.racetracker.core.topic.Topics.RACE_SPLITS.valueSerde().serialize("",
                            TopologyFixture.split(course, runner, "5K", null, "0:15:00")));
            read.headers().add(SourceHeader.NAME, "race-splits/5/99".getBytes(StandardCharsets.UTF_8));
            read.headers().add("trace", "abc".getBytes(StandardCharsets.UTF_8));
            fx.splits.pipeInput(read);

            final Headers headers = fx.projections.readRecord().headers();
            assertEquals(List.of("race-splits/0/0"), values(headers.headers(SourceHeader.NAME)));
            assertEquals(List.of("abc"), values(headers.headers("trace")), "other headers are passed on");
            assertNull(SourceHeader.parse("race-splits/x/1".getBytes(StandardCharsets.UTF_8)).orElse(null));
        }
    }

    private static List<String> sources(final List<? extends TestRecord<?, ?>> records) {
        return records.stream().map(r -> values(r.headers().headers(SourceHeader.NAME)))
                .map(v -> v.size() == 1 ? v.get(0) : v.toString()).toList();
    }

    private static List<String> values(final Iterable<Header> headers) {
        final List<String> values = new java.util.ArrayList<>();
        headers.forEach(h -> values.add(new String(h.value(), StandardCharsets.UTF_8)));
        return values;
    }
}
