package io.racetracker.streams.board;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.json.JsonSerde;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class BoardUpdateSerdeTest {
    private static final BoardUpdateSerde SERDE = new BoardUpdateSerde();
    private static final String[] TEXTS = {null, "", "vienna-2019", "eliud-kipchoge", "Zoë Müller-Łukasiewicz", "北京",
        "HALF", "HALF#2", "M40", "x".repeat(300), "emoji \uD83C\uDFC3"};
    private static final double[] DOUBLES = {0, -0.0, 5_000, 21_097.5, 42_195, 0.42, 1e-9, Double.NaN,
        Double.POSITIVE_INFINITY, -1, Double.MAX_VALUE};
    private static final long[] LONGS = {0, 1, -1, 1_200_000, 7_199_000, Long.MAX_VALUE, Long.MIN_VALUE};

    private static <T> T any(final Random random, final T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static BoardUpdate update(final Random random) {
        final AthleteStatus[] statuses = Arrays.copyOf(AthleteStatus.values(), AthleteStatus.values().length + 1);
        return new BoardUpdate(any(random, TEXTS), any(random, TEXTS), any(random, TEXTS), any(random, TEXTS),
                any(random, TEXTS), random.nextBoolean(), any(random, TEXTS), any(random, TEXTS),
                DOUBLES[random.nextInt(DOUBLES.length)], LONGS[random.nextInt(LONGS.length)],
                random.nextBoolean() ? random.nextLong() : LONGS[random.nextInt(LONGS.length)],
                random.nextBoolean() ? random.nextDouble() : DOUBLES[random.nextInt(DOUBLES.length)], any(random, statuses),
                random.nextInt(5) == 0 ? null : Instant.ofEpochMilli(random.nextLong(-1L << 40, 1L << 42)));
    }

    @Test
    void everyUpdateReadsBackAsItWasWrittenAndTheFirstVersionStillReads() {
        final Random random = new Random(20);
        final JsonSerde<BoardUpdate> smile = JsonSerde.internal(BoardUpdate.class);
        long binaryBytes = 0;
        long smileBytes = 0;
        for (int i = 0; i < 20_000; i++) {
            final BoardUpdate update = update(random);
            final byte[] bytes = SERDE.serialize("", update);
            assertEquals(BoardUpdateSerde.VERSION, bytes[0]);
            assertEquals(update, SERDE.deserialize("", bytes), "update " + i);
            final byte[] old = smile.serialize("", update);
            assertEquals(update, SERDE.deserialize("", old), "update " + i + " in version 1");
            binaryBytes += bytes.length;
            smileBytes += old.length;
        }
        assertTrue(binaryBytes < 0.8 * smileBytes, binaryBytes + " bytes against " + smileBytes + " in Smile");
        assertNull(SERDE.serialize("", null));
        assertNull(SERDE.deserialize("", null));
    }

    @Test
    void aValueReadKeepsItsInstantToTheMillisecondAsTheFirstVersionDid() {
        final BoardUpdate update = new BoardUpdate("r", "a", "1", "A", "M40", false, "5K", "5K", 5_000, 1_200_000,
                7_000_000, 0.5, AthleteStatus.ON_COURSE, Instant.parse("2026-04-20T14:00:00.123456789Z"));
        assertEquals(Instant.parse("2026-04-20T14:00:00.123Z"), SERDE.deserialize("", SERDE.serialize("", update)).readAt());
        assertEquals(JsonSerde.internal(BoardUpdate.class).deserialize("", JsonSerde.internal(BoardUpdate.class)
                .serialize("", update)), SERDE.deserialize("", SERDE.serialize("", update)));
    }

    @Test
    void bytesThatAreNotAnUpdateAreRefusedWithTheReason() {
        final byte[] bytes = SERDE.serialize("", update(new Random(21)));
        final SerializationException cut = assertThrows(SerializationException.class,
                () -> SERDE.deserialize("", Arrays.copyOf(bytes, bytes.length - 3)));
        assertTrue(cut.getMessage().startsWith("cannot read a board update"), cut.getMessage());
        final SerializationException longer = assertThrows(SerializationException.class,
                () -> SERDE.deserialize("", Arrays.copyOf(bytes, bytes.length + 1)));
        assertTrue(longer.getMessage().contains("1 bytes left over"), longer.getMessage());
        final byte[] lying = {BoardUpdateSerde.VERSION, 100, 'a'};
        final SerializationException length = assertThrows(SerializationException.class, () -> SERDE.deserialize("", lying));
        assertTrue(length.getMessage().contains("bytes wanted"), length.getMessage());
        assertArrayEquals(bytes, SERDE.serialize("", SERDE.deserialize("", bytes)), "written again, the same bytes");
    }
}
