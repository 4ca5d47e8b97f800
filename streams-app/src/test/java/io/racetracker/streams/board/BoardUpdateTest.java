package io.racetracker.streams.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.racetracker.core.event.AthleteStatus;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BoardUpdateTest {
    /** The order by distance as it was defined: both rounded to the decimetre, every time. */
    private static int rounded(final double a, final double b) {
        return Long.compare(-Math.round(a * 10), -Math.round(b * 10));
    }

    @Test
    void furtherFirstOrdersExactlyAsRoundingBothToTheDecimetre() {
        final double[] edges = {0, 0.04, 0.05, 0.0500001, 0.1, 0.14999999, 0.15, 0.25, 0.3499999, 5_000, 21_097.45,
            21_097.5, 21_097.55, 21_097.65, 21_097.7, 42_195, 42_194.95, 42_195.05, 42_195.25, 100_000.05};
        for (final double a : edges) {
            for (final double b : edges) {
                assertEquals(rounded(a, b), BoardUpdate.furtherFirst(a, b), a + " against " + b);
            }
        }
        final SplittableRandom random = new SplittableRandom(20);
        for (int i = 0; i < 2_000_000; i++) {
            final double a = random.nextDouble(0, 50_000);
            // most pairs near each other, where rounding decides; some at the edges of a decimetre
            final double b = switch (i % 4) {
                case 0 -> a + random.nextDouble(-0.3, 0.3);
                case 1 -> Math.round(a * 10) / 10.0 + 0.05 + random.nextDouble(-1e-9, 1e-9);
                case 2 -> a + (random.nextBoolean() ? 0.2 : -0.2) + random.nextDouble(-1e-9, 1e-9);
                default -> random.nextDouble(0, 50_000);
            };
            assertEquals(rounded(a, b), BoardUpdate.furtherFirst(a, b), a + " against " + b);
        }
    }

    private static BoardUpdate update(final String athleteId, final String bib, final String name, final double distanceM) {
        return new BoardUpdate("vienna", athleteId, bib, name, "M35", false, "10K", "10K", distanceM, 1_800_000L,
                7_500_000L, 0.4, AthleteStatus.ON_COURSE, Instant.parse("2019-04-07T07:30:00Z"));
    }

    @Test
    void anUpdateKeptOnABoardHoldsTheEarlierOnesTextsWhereTheyAreTheSame() {
        final BoardUpdate earlier = update(new String("a1"), new String("101"), new String("Ann Runner"), 5_000);
        final BoardUpdate next = update(new String("a1"), new String("101"), new String("Ann B. Runner"), 10_000);

        final BoardUpdate kept = next.withTextsOf(earlier);
        assertEquals(next, kept, "the same update");
        assertSame(earlier.athleteId(), kept.athleteId());
        assertSame(earlier.bib(), kept.bib());
        assertSame(next.name(), kept.name(), "a name corrected since is the new one");
        assertNotSame(earlier.name(), kept.name());
        assertSame(kept, kept.withTextsOf(earlier), "nothing more to share: itself");
    }
}
