package io.racetracker.streams.board;

/**
 * Small records kept in the race-board stores.
 */
public final class BoardState {
    private BoardState() {
    }

    /**
     * The fastest athlete at one mat of one board.
     *
     * @param athleteId fastest there so far
     * @param elapsedMs their chip time there
     * @param crossed   athletes of the board who crossed it, counted up to 2 (a break-away is judged on the second)
     */
    public record MatLeader(String athleteId, long elapsedMs, int crossed) {
    }

    /**
     * One board's running facts.
     *
     * @param leaderId  athlete in first position
     * @param lastGapMs leader's gap to second at the latest mat both crossed
     */
    public record Meta(String leaderId, long lastGapMs) {
        static final Meta EMPTY = new Meta(null, 0);

        Meta withGap(final long gapMs) {
            return new Meta(leaderId, gapMs);
        }

        Meta withLeader(final String athleteId) {
            return new Meta(athleteId, lastGapMs);
        }
    }
}
