package io.racetracker.streams.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.racetracker.core.event.AthleteStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeptUpdateTest {
    private final KeptUpdate.Texts texts = new KeptUpdate.Texts();

    private static BoardUpdate update(final String name, final String crossing, final double distanceM,
                                      final AthleteStatus status, final Instant readAt) {
        return new BoardUpdate("vienna", new String("a1"), new String("101"), name, "M35", false, crossing,
                crossing == null ? null : crossing.replace("#2", ""), distanceM, (long) (distanceM * 300), 7_500_000L,
                0.37, status, readAt);
    }

    @Test
    void givesBackEachUpdateWrittenOverItEqualToWhatCame() {
        final BoardUpdate first = update("Ann Runner", "10K", 10_000, AthleteStatus.ON_COURSE,
                Instant.parse("2019-04-07T07:30:00.123456789Z"));
        final KeptUpdate kept = new KeptUpdate(first, texts);
        assertEquals(first, kept.update(texts));

        final BoardUpdate[] next = {
            update("Ann Runner", "HALF", 21_097.5, AthleteStatus.ON_COURSE, Instant.parse("2019-04-07T08:00:00Z")),
            update("Ann B. Runner", "LAP#2", 30_000, AthleteStatus.ON_COURSE, Instant.parse("2019-04-07T08:40:00Z")),
            update("Ann B. Runner", "FINISH", 42_195, AthleteStatus.FINISHED, Instant.parse("2019-04-07T09:40:00Z")),
            update(null, null, 0, AthleteStatus.DSQ, null),
            first,
        };
        for (final BoardUpdate update : next) {
            kept.write(update, texts);
            assertEquals(update, kept.update(texts));
        }
    }

    @Test
    void keepsTheTextsItHasWhereTheUpdateBringsTheSameAgain() {
        final BoardUpdate first = update("Ann Runner", "10K", 10_000, AthleteStatus.ON_COURSE, null);
        final KeptUpdate kept = new KeptUpdate(first, texts);
        final BoardUpdate later = update(new String("Ann Runner"), new String("HALF"), 21_097.5,
                AthleteStatus.ON_COURSE, null);
        kept.write(later, texts);

        final BoardUpdate back = kept.update(texts);
        assertSame(first.athleteId(), back.athleteId(), "the text it had");
        assertSame(first.name(), back.name());
        assertNotSame(later.athleteId(), back.athleteId());
        assertSame(later.crossingId(), back.crossingId(), "a crossing seen first here is numbered");
        assertSame(back.crossingId(), kept.update(texts).crossingId());
        assertNull(back.readAt());
    }
}
