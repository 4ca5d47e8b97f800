package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.event.Leaderboard;
import io.racetracker.core.event.Sex;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.json.JsonSerde;
import io.racetracker.streams.athlete.AthleteHistory;
import io.racetracker.streams.athlete.AthleteHistorySerde;
import io.racetracker.streams.board.BoardState;
import io.racetracker.streams.board.BoardUpdate;
import io.racetracker.streams.board.BoardUpdateSerde;
import io.racetracker.streams.conditions.DayCounts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * What the app keeps in its stores and internal topics is state: a silent change of its format loses it on upgrade
 * (a restarted app could no longer read its changelogs). Each stored value is pinned here byte for byte, as of a
 * version ({@code golden/NAME.vN.b64}): a change fails until it is made on purpose, with a new version file, while the
 * old version's bytes must still read back.
 *
 * <p>To write a new version's file: {@code -Dgolden.write=true}, then commit it and keep the old one.
 */
class PersistedFormatsTest {
    private static final Instant AT = Instant.parse("2026-04-20T14:00:00Z");
    private static final Athlete ATHLETE = new Athlete("bib-1", "boston-2026", "1", "Ann Able", "USA", Sex.F, "F35", 36,
            10_800_000L, false, "C001", "A");
    private static final SplitEvent SPLIT = new SplitEvent("boston-2026", "bib-1", "1", "5K", 5_000, null, 1_200_000,
            AT, 1_260_000L);

    static final AthleteHistory HISTORY = new AthleteHistory(ATHLETE, List.of(SPLIT), 2, false, AT,
            new AthleteHistory.Standing(0.42, -15_000, 10_900_000),
            List.of(new AthleteHistory.Held(new byte[] {1, 2, 3}, 4, 567)), true,
            new AthleteHistory.Overrides("F40", null));

    @Test
    void anAthletesHistoryIsPinned() throws IOException {
        pin("athlete-history.v2", new AthleteHistorySerde(), HISTORY);
    }

    @Test
    void anAthletesHistoryOfTheFirstVersionStillReads() throws IOException {
        // version 1 was Smile: a store or changelog written before the binary form came still reads, as it was
        pin("athlete-history.v1", JsonSerde.internal(AthleteHistory.class), HISTORY);
        assertEquals(HISTORY, new AthleteHistorySerde().deserialize("", golden("athlete-history.v1")));
    }

    static final BoardUpdate UPDATE = new BoardUpdate("boston-2026", "bib-1", "1", "Ann Able", "F35", false, "5K", "5K",
            5_000, 1_200_000, 10_900_000, 0.42, AthleteStatus.ON_COURSE, AT);

    @Test
    void aBoardUpdateIsPinned() throws IOException {
        pin("board-update.v2", new BoardUpdateSerde(), UPDATE);
    }

    @Test
    void aBoardUpdateOfTheFirstVersionStillReads() throws IOException {
        // version 1 was Smile: a repartition topic or store written before the binary form came still reads
        pin("board-update.v1", BoardUpdate.class, UPDATE);
        assertEquals(UPDATE, new BoardUpdateSerde().deserialize("", golden("board-update.v1")));
    }

    @Test
    void theBoardStatesArePinned() throws IOException {
        pin("mat-leader.v1", BoardState.MatLeader.class, new BoardState.MatLeader("bib-1", 1_200_000, 2));
        pin("board-meta.v1", BoardState.Meta.class, new BoardState.Meta("bib-1", 12_000));
        pin("leaderboard.v1", Leaderboard.class, new Leaderboard("boston-2026", "ALL", 1, List.of(new Leaderboard.Entry(1,
                "bib-1", "1", "Ann Able", "F35", "5K", 5_000, 1_200_000, 0, "", 10_900_000, 0.42,
                AthleteStatus.ON_COURSE)), AT));
    }

    @Test
    void aRacesDayCountsArePinned() throws IOException {
        // the race's total in the day-effects store, and each task's new observations on day-observations
        pin("day-counts.v1", DayCounts.class, new DayCounts("boston-2026", List.of(5_000.0, 21_097.5, 42_195.0), 800,
                400, List.of(255.0, 300.0, 340.0, 400.0), 0.9, List.of(0, 2, 251, 3, 1, 4, 499, 1)));
    }

    private static <T> void pin(final String name, final Class<T> type, final T value) throws IOException {
        pin(name, JsonSerde.internal(type), value);
    }

    private static <T> void pin(final String name, final Serde<T> serde, final T value) throws IOException {
        final byte[] now = serde.serializer().serialize("", value);
        final Path file = Path.of("src/test/resources/golden", name + ".b64");
        if (Boolean.getBoolean("golden.write")) {
            Files.writeString(file, Base64.getEncoder().encodeToString(now) + "\n");
        }
        final byte[] pinned = golden(name);
        assertEquals(value, serde.deserializer().deserialize("", pinned), name + ": the stored bytes no longer read back as they did");
        assertArrayEquals(pinned, now, name + ": the persisted format changed; make it a new version (a new golden"
                + " file, and the old one still read) rather than a silent change");
    }

    private static byte[] golden(final String name) throws IOException {
        try (InputStream in = PersistedFormatsTest.class.getResourceAsStream("/golden/" + name + ".b64")) {
            if (in == null) {
                throw new AssertionError("no golden file for " + name + "; write it with -Dgolden.write=true");
            }
            return Base64.getDecoder().decode(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
        }
    }
}
