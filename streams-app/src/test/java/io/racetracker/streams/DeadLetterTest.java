package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.DeadLetter.Reason;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.streams.intake.SplitParser;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every read that cannot be used goes to race-dead-letters with its reason and original bytes; the next goes on. */
class DeadLetterTest {
    private final Course course = Fixtures.marathon();
    private final Athlete runner = Fixtures.runner(course, "r1", "Ada Runner", "OPEN");

    private DeadLetter rejectedAfter(final java.util.function.Consumer<TopologyFixture> when) {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course, runner);
            fx.read(course, runner, "5K", "0:15:00");
            when.accept(fx);
            fx.read(course, runner, "10K", "0:30:00");

            final List<DeadLetter> rejected = fx.deadLetters.readValuesToList();
            assertEquals(1, rejected.size(), rejected.toString());
            assertEquals(2, fx.projections.readValuesToList().size(), "the reads around it are still tracked");
            return rejected.get(0);
        }
    }

    @Test
    void malformedJsonKeepsItsBytes() {
        final DeadLetter letter = rejectedAfter(fx -> fx.readRaw("r1", "{\"raceId\": "));
        assertEquals(Reason.MALFORMED_JSON, letter.code());
        assertEquals("{\"raceId\": ", new String(Base64.getDecoder().decode(letter.valueBase64()), StandardCharsets.UTF_8));
        assertEquals("{\"raceId\": ", letter.valueText());
        assertEquals("race-splits", letter.sourceTopic());
        assertEquals(1, letter.offset(), "the second record on the partition");
    }

    @Test
    void aWrongTypeNamesTheField() {
        final DeadLetter letter = rejectedAfter(fx -> fx.readRaw("r1", "{\"raceId\":\"test-marathon\",\"athleteId\":\"r1\","
                + "\"timingPointId\":\"10K\",\"distanceM\":10000,\"elapsedMs\":\"half an hour\",\"readAt\":\"2023-04-23T09:30:00Z\"}"));
        assertEquals(Reason.INVALID_FIELD, letter.code());
        assertTrue(letter.reason().contains("elapsedMs"), letter.reason());
    }

    @Test
    void aMissingFieldAndANegativeTimeAreNamed() {
        final DeadLetter missing = rejectedAfter(fx -> fx.readRaw("r1", "{\"raceId\":\"test-marathon\",\"athleteId\":\"r1\","
                + "\"distanceM\":10000,\"elapsedMs\":1800000,\"readAt\":\"2023-04-23T09:30:00Z\"}"));
        assertEquals(Reason.INVALID_FIELD, missing.code());
        assertTrue(missing.reason().contains("timingPointId"), missing.reason());
        final DeadLetter negative = rejectedAfter(fx -> fx.readRaw("r1", "{\"raceId\":\"test-marathon\",\"athleteId\":\"r1\","
                + "\"timingPointId\":\"10K\",\"distanceM\":10000,\"elapsedMs\":-1800000,\"readAt\":\"2023-04-23T09:30:00Z\"}"));
        assertEquals("Invalid SplitEvent: elapsedMs must be >= 0 ms (was -1800000)", negative.reason());
    }

    @Test
    void aNullValueAndNonUtf8BytesAreRejected() {
        assertEquals(Reason.NULL_VALUE, rejectedAfter(fx -> fx.readRaw("r1", (byte[]) null)).code());
        final DeadLetter binary = rejectedAfter(fx -> fx.readRaw("r1", new byte[] {(byte) 0xC3, (byte) 0x28}));
        assertEquals(Reason.NOT_UTF8, binary.code());
        assertNull(binary.valueText());
        assertEquals("wyg=", binary.valueBase64());
    }

    @Test
    void aNullKeyOrAKeyThatIsNotTheAthleteIsRejected() {
        final SplitEvent split = TopologyFixture.split(course, runner, "HALF", null, "1:05:00");
        final byte[] json = io.racetracker.core.topic.Topics.RACE_SPLITS.valueSerde().serialize("", split);
        assertEquals(Reason.NULL_KEY, rejectedAfter(fx -> fx.readRaw(null, json)).code());
        final DeadLetter mismatch = rejectedAfter(fx -> fx.readRaw("someone-else", json));
        assertEquals(Reason.KEY_MISMATCH, mismatch.code());
        assertEquals("someone-else", mismatch.key());
    }

    @Test
    void anOversizedPayloadIsNotEvenParsed() {
        final DeadLetter letter = rejectedAfter(fx -> fx.readRaw("r1", new byte[SplitParser.MAX_BYTES + 1]));
        assertEquals(Reason.OVERSIZED, letter.code());
        assertNull(letter.valueText());
    }

    @Test
    void unknownRaceAthleteAndMatAreRejected() {
        final SplitEvent good = TopologyFixture.split(course, runner, "HALF", null, "1:05:00");
        assertEquals(Reason.UNKNOWN_RACE, rejectedAfter(fx -> fx.read(new SplitEvent("no-such-race", "r1", null, "HALF",
                good.distanceM(), null, good.elapsedMs(), good.readAt()))).code());
        assertEquals(Reason.UNKNOWN_ATHLETE, rejectedAfter(fx -> fx.read(new SplitEvent(course.raceId(), "stranger", null,
                "HALF", good.distanceM(), null, good.elapsedMs(), good.readAt()))).code());
        final DeadLetter mat = rejectedAfter(fx -> fx.read(new SplitEvent(course.raceId(), "r1", null, "7K", 7_000, null,
                good.elapsedMs(), good.readAt())));
        assertEquals(Reason.UNKNOWN_TIMING_POINT, mat.code());
        assertEquals("timing point '7K' is not on the course of test-marathon", mat.reason());
    }

    @Test
    void timeRunningBackwardsAndSuperhumanPaceAreRejected() {
        final DeadLetter backwards = rejectedAfter(fx -> fx.read(course, runner, "HALF", "0:14:00"));
        assertEquals(Reason.TIME_BACKWARDS, backwards.code());
        final DeadLetter fast = rejectedAfter(fx -> fx.read(course, runner, "20K", "0:45:00"));
        assertEquals(Reason.IMPOSSIBLE_PACE, fast.code());
        assertTrue(fast.reason().startsWith("impossible pace: 15000 m in 1800.0 s is 120 s/km"), fast.reason());
        assertEquals(Reason.BEYOND_COURSE, rejectedAfter(fx -> fx.read(new SplitEvent(course.raceId(), "r1", null,
                "FINISH", 50_000, null, 9_000_000, Fixtures.START))).code());
    }
}
