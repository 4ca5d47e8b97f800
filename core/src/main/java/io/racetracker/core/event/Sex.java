package io.racetracker.core.event;

/** Sex category as race results publish it; {@code X} for non-binary or unknown. */
public enum Sex {
    M, F, X
}
