package io.racetracker.core.results;

/**
 * One timing mat of a results row.
 *
 * @param label     the column name as published, e.g. {@code 25K} or {@code half}
 * @param distanceM metres from the start
 * @param elapsedMs cumulative chip time, or null when the mat has no read for this runner
 */
public record MatTime(String label, double distanceM, Long elapsedMs) {
    public boolean read() {
        return elapsedMs != null;
    }
}
