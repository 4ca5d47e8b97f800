package io.racetracker.core.event;

/** Where an athlete stands in the race. */
public enum AthleteStatus {
    /** Crossing mats; no finish read yet. */
    ON_COURSE,
    /** Crossed the finish mat. */
    FINISHED,
    /** Did not finish: silent for longer than the configured limit, or a pacemaker who stepped off. */
    DNF,
    /** Disqualified by an operator's correction: off the boards, no result. */
    DSQ
}
