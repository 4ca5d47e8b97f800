package io.racetracker.streams;

/**
 * Small records kept in the race-board stores.
 */
final class BoardState {
    private BoardState() {
    }

    /**
     * The fastest athlete at one mat of one board.
     *
     * @param athleteId fastest there so far
     * @param elapsedMs their chip time there
     * @param crossed   athletes of the board who crossed it
     */
    record MatLeader(String athleteId, long elapsedMs, int crossed) {
    }

    /**
     * One board's running facts.
     *
     * @param leaderId      athlete in first position
     * @param leaderRankKey the leader's position key: only an update that sorts before it can take the lead
     * @param lastGapMs     leader's gap to second at the latest mat both crossed
     * @param athletes      athletes on the board
     */
    record Meta(String leaderId, String leaderRankKey, long lastGapMs, int athletes) {
        static final Meta EMPTY = new Meta(null, null, 0, 0);

        Meta withGap(final long gapMs) {
            return new Meta(leaderId, leaderRankKey, gapMs, athletes);
        }

        Meta withAthlete() {
            return new Meta(leaderId, leaderRankKey, lastGapMs, athletes + 1);
        }

        Meta withLeader(final BoardUpdate leader) {
            return new Meta(leader.athleteId(), leader.rankKey(), lastGapMs, athletes);
        }
    }
}
