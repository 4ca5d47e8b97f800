package io.racetracker.core.model;

/**
 * One observed split: chip time at a distance.
 *
 * @param distanceM metres from the start
 * @param elapsedMs chip time in ms
 */
public record Split(double distanceM, long elapsedMs) {
    public Split {
        if (!(distanceM > 0) || elapsedMs <= 0) {
            throw new IllegalArgumentException("a split needs a distance > 0 and a time > 0, got "
                    + distanceM + " m at " + elapsedMs + " ms");
        }
    }
}
