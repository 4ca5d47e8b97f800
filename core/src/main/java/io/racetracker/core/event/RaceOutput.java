package io.racetracker.core.event;

/**
 * An output record, by what it is about: a race, and within it an athlete or none. Only names the fields the records
 * carry already: it adds nothing to their JSON.
 */
public interface RaceOutput {
    /** The race the record belongs to. */
    String raceId();

    /** The athlete it is about; null for a race-level record, such as a leaderboard. */
    default String athleteId() {
        return null;
    }
}
