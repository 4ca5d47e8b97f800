package io.racetracker.streams.board;

import io.racetracker.core.event.Leaderboard;
import io.racetracker.core.event.RaceAlert;
import io.racetracker.core.event.RaceResult;

/**
 * One output of the race boards: exactly one of the three is set, or none for a result withdrawn (its key's result is
 * deleted from the compacted {@code race-results}). In memory between operators only.
 */
public record BoardOutput(Leaderboard leaderboard, RaceAlert alert, RaceResult result, boolean resultWithdrawn) {
    static BoardOutput of(final Leaderboard leaderboard) {
        return new BoardOutput(leaderboard, null, null, false);
    }

    static BoardOutput of(final RaceAlert alert) {
        return new BoardOutput(null, alert, null, false);
    }

    static BoardOutput of(final RaceResult result) {
        return new BoardOutput(null, null, result, false);
    }

    /** The result of the record's key is withdrawn: no longer a finisher, or disqualified. */
    static BoardOutput withdrawn() {
        return new BoardOutput(null, null, null, true);
    }
}
