package io.racetracker.streams.athlete;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Sex;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.json.JsonSerde;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The athlete's history in its binary form reads back as it was written, whatever its fields hold, in far fewer bytes
 * than the Smile it replaces; a history in that Smile still reads; bytes that are not a history are refused.
 */
class AthleteHistorySerdeTest {
    private static final AthleteHistorySerde SERDE = new AthleteHistorySerde();
    private static final Instant GUN = Instant.parse("2026-04-20T13:37:00.123456789Z");

    private static String text(final Random random) {
        final String[] some = {"", "a", "Ann Able", "Zoë Ørsted-Łukasiewicz", "名前", "x|y/z#1", "😀 emoji"};
        return some[random.nextInt(some.length)];
    }

    private static String orNull(final Random random, final String value) {
        return random.nextInt(4) == 0 ? null : value;
    }

    private static AthleteHistory history(final Random random) {
        final String race = "race-" + random.nextInt(3);
        final String id = "bib-" + random.nextInt(1000);
        final Athlete athlete = random.nextInt(5) == 0 ? null : new Athlete(id, race, orNull(random, "" + random.nextInt(50_000)),
                "Runner " + text(random), orNull(random, "KEN"), random.nextBoolean() ? null : Sex.values()[random.nextInt(3)],
                orNull(random, "F35"), random.nextBoolean() ? null : 18 + random.nextInt(60),
                random.nextBoolean() ? null : 7_200_000L + random.nextInt(10_000_000), random.nextInt(10) == 0,
                orNull(random, "CHIP-" + random.nextInt(99)), orNull(random, "" + random.nextInt(4)));
        final List<SplitEvent> splits = new ArrayList<>();
        final int n = random.nextInt(14);
        for (int i = 0; i < n; i++) {
            // now and then a split of another race id, athlete or bib, as corrections and re-keyed reads can leave
            final String splitRace = random.nextInt(8) == 0 ? "race-other" : race;
            final String splitId = random.nextInt(8) == 0 ? "bib-other" : id;
            final String bib = random.nextInt(8) == 0 ? null : athlete == null ? "7" : athlete.bib();
            final long elapsed = (i + 1) * 1_200_000L + random.nextInt(100_000);
            splits.add(new SplitEvent(splitRace, splitId, bib, i % 3 == 0 ? "LAP" : (i * 5) + "K", 5_000.0 * (i + 1) + 0.25,
                    i % 3 == 0 ? Integer.valueOf(i + 1) : null, elapsed, GUN.plusMillis(elapsed).plusNanos(random.nextInt(1000)),
                    random.nextBoolean() ? null : elapsed + random.nextInt(600_000)));
        }
        final List<AthleteHistory.Held> held = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            final byte[] raw = new byte[random.nextInt(300)];
            random.nextBytes(raw);
            held.add(new AthleteHistory.Held(raw, random.nextInt(12), random.nextLong() & Long.MAX_VALUE));
        }
        return new AthleteHistory(athlete, splits, random.nextInt(3) == 0 ? random.nextInt(1_000_000) : 0,
                random.nextBoolean(), random.nextBoolean() ? null : GUN.plusSeconds(random.nextInt(20_000)),
                random.nextBoolean() ? null : new AthleteHistory.Standing(random.nextDouble(),
                        random.nextInt(2_000_000) - 1_000_000L, 7_000_000 + random.nextInt(10_000_000)),
                held, random.nextInt(10) == 0, random.nextBoolean() ? null
                : new AthleteHistory.Overrides(orNull(random, "M40"), orNull(random, "2")));
    }

    @Test
    void everyHistoryReadsBackAsItWasWritten() {
        final Random random = new Random(20);
        final JsonSerde<AthleteHistory> smile = JsonSerde.internal(AthleteHistory.class);
        long binaryBytes = 0;
        long smileBytes = 0;
        for (int i = 0; i < 5_000; i++) {
            final AthleteHistory written = history(random);
            // both versions keep instants to the millisecond: what the first version read back is the history
            final byte[] old = smile.serialize("", written);
            final AthleteHistory history = smile.deserialize("", old);
            final byte[] bytes = SERDE.serialize("", written);
            assertEquals(AthleteHistorySerde.VERSION, bytes[0]);
            assertEquals(history, SERDE.deserialize("", bytes), "history " + i);
            assertArrayEquals(bytes, SERDE.serialize("", history), "history " + i + ": the same bytes again");
            // the Smile of the first version reads through the same serde, as a changelog written before would
            assertEquals(history, SERDE.deserialize("", old), "history " + i + " in version 1");
            binaryBytes += bytes.length;
            smileBytes += old.length;
        }
        assertTrue(binaryBytes < 0.6 * smileBytes, binaryBytes + " bytes against " + smileBytes + " in Smile");
        assertEquals(null, SERDE.serialize("", null));
        assertEquals(null, SERDE.deserialize("", null));
        assertEquals(AthleteHistory.EMPTY, SERDE.deserialize("", SERDE.serialize("", AthleteHistory.EMPTY)));
    }

    @Test
    void threadsWritingThroughOneSerdeAtOnceEachGetTheirOwnBytes() throws Exception {
        // one serde serves every task's store: each stream thread writes through its own buffer
        final Random random = new Random(22);
        final List<AthleteHistory> histories = new ArrayList<>();
        final List<byte[]> expected = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            histories.add(history(random));
            expected.add(new AthleteHistorySerde().serialize("", histories.get(i)));
        }
        final AthleteHistorySerde shared = new AthleteHistorySerde();
        final ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            final List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                final int offset = t * 500;
                done.add(threads.submit(() -> {
                    for (int round = 0; round < 20; round++) {
                        for (int i = 0; i < histories.size(); i++) {
                            final int at = (i + offset) % histories.size();
                            assertArrayEquals(expected.get(at), shared.serialize("", histories.get(at)), "history " + at);
                        }
                    }
                    return null;
                }));
            }
            for (final Future<?> each : done) {
                each.get(2, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void bytesThatAreNotAHistoryAreRefused() {
        final Random random = new Random(21);
        AthleteHistory history = history(random);
        while (history.splits().size() < 3) {
            history = history(random);
        }
        final byte[] bytes = SERDE.serialize("", history);
        final byte[] cut = Arrays.copyOf(bytes, bytes.length - 3);
        assertThrows(SerializationException.class, () -> SERDE.deserialize("", cut));
        final byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(SerializationException.class, () -> SERDE.deserialize("", longer));
        final byte[] again = SERDE.serialize("", SERDE.deserialize("", bytes));
        assertArrayEquals(bytes, again, "written again, the same bytes");
    }
}
