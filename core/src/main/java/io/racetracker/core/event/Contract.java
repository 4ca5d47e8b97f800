package io.racetracker.core.event;

/** Argument checks shared by the contract records, with messages that name the field and what was expected. */
final class Contract {
    private Contract() {
    }

    static String requireText(final String value, final String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required and must not be blank");
        }
        return value;
    }

    static double requireDistance(final double metres, final String field) {
        if (!Double.isFinite(metres) || metres < 0) {
            throw new IllegalArgumentException(field + " must be a finite number of metres >= 0 (was " + metres + ")");
        }
        return metres;
    }

    static long requireNonNegative(final long millis, final String field) {
        if (millis < 0) {
            throw new IllegalArgumentException(field + " must be >= 0 ms (was " + millis + ")");
        }
        return millis;
    }

    static Integer requireLap(final Integer lap, final String field) {
        if (lap != null && lap < 1) {
            throw new IllegalArgumentException(field + " must be >= 1 when present (was " + lap + ")");
        }
        return lap;
    }
}
