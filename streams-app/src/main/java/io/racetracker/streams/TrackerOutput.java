package io.racetracker.streams;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.DeadLetter;

/**
 * What one read produced: a projection for the read's own split (null for a duplicate or a rejection), the
 * athlete's latest state (null for a rejection), or a dead letter. In memory between operators only.
 */
record TrackerOutput(AthleteProjection projection, AthleteProjection state, DeadLetter deadLetter) {

    static TrackerOutput accepted(final AthleteProjection projection, final AthleteProjection state) {
        return new TrackerOutput(projection, state, null);
    }

    static TrackerOutput duplicate(final AthleteProjection state) {
        return new TrackerOutput(null, state, null);
    }

    static TrackerOutput rejected(final DeadLetter deadLetter) {
        return new TrackerOutput(null, null, deadLetter);
    }
}
