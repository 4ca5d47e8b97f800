package io.racetracker.streams;

import io.racetracker.core.event.Leaderboard;
import io.racetracker.core.event.RaceAlert;
import io.racetracker.core.event.RaceResult;

/** One output of the race boards: exactly one of the three is set. In memory between operators only. */
record BoardOutput(Leaderboard leaderboard, RaceAlert alert, RaceResult result) {
    static BoardOutput of(final Leaderboard leaderboard) {
        return new BoardOutput(leaderboard, null, null);
    }

    static BoardOutput of(final RaceAlert alert) {
        return new BoardOutput(null, alert, null);
    }

    static BoardOutput of(final RaceResult result) {
        return new BoardOutput(null, null, result);
    }
}
