package io.racetracker.streams.athlete;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.BroadcastLine;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.RaceAlert;
import io.racetracker.streams.board.BoardShortlist;
import io.racetracker.streams.board.BoardUpdate;
import io.racetracker.streams.conditions.DayCounts;
import java.util.List;

/**
 * What one read (or one silence check) produced for one athlete. In memory between operators only.
 *
 * @param projection the projection of the read's own split; null for a duplicate, a rejection or a silence
 * @param state      the athlete's latest state when it changed; null for a rejection
 * @param alerts     alerts raised, possibly none
 * @param broadcast  a broadcast line, when one is due
 * @param deadLetter the rejection, for a read that cannot be used
 * @param boardUpdates what the race's boards must hear of it ({@link BoardShortlist}), often nothing
 * @param dayCounts  the day's new observations of one race since the task last sent them, keyed by the race id
 *                   (and nothing else set); null otherwise
 * @param stateGone  the athlete has no state any more (their only accepted read voided): a tombstone for
 *                   {@code athlete-state}, and off the boards
 */
public record TrackerOutput(AthleteProjection projection, AthleteProjection state, List<RaceAlert> alerts,
                     BroadcastLine broadcast, DeadLetter deadLetter, List<BoardUpdate> boardUpdates,
                     DayCounts dayCounts, boolean stateGone) {

    TrackerOutput(final AthleteProjection projection, final AthleteProjection state, final List<RaceAlert> alerts,
                  final BroadcastLine broadcast, final DeadLetter deadLetter) {
        this(projection, state, alerts, broadcast, deadLetter, List.of(), null, false);
    }

    /** The athlete's state is gone: no accepted read is left. */
    static TrackerOutput gone() {
        return new TrackerOutput(null, null, List.of(), null, null, List.of(), null, true);
    }

    /** A task's new observations of a race's day, for the race's task. */
    static TrackerOutput observed(final DayCounts counts) {
        return new TrackerOutput(null, null, List.of(), null, null, List.of(), counts, false);
    }

    static TrackerOutput rejected(final DeadLetter deadLetter) {
        return new TrackerOutput(null, null, List.of(), null, deadLetter);
    }

    static TrackerOutput stateOnly(final AthleteProjection state, final List<RaceAlert> alerts) {
        return new TrackerOutput(null, state, alerts, null, null);
    }

    /** The same output with a dead letter besides: a split taken back when this read came. */
    TrackerOutput withDeadLetter(final DeadLetter letter) {
        return new TrackerOutput(projection, state, alerts, broadcast, letter, boardUpdates, dayCounts, stateGone);
    }

    TrackerOutput withBoardUpdates(final List<BoardUpdate> updates) {
        return new TrackerOutput(projection, state, alerts, broadcast, deadLetter, updates, dayCounts, stateGone);
    }
}
