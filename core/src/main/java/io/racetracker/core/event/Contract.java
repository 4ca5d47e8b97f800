package io.racetracker.core.event;

import java.util.regex.Pattern;

/** Argument checks shared by the contract records, with messages that name the field and what was expected. */
final class Contract {
    private static final Pattern RACE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Contract() {
    }

    static String requireText(final String value, final String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required and must not be blank");
        }
        return value;
    }

    /** Race ids start every athlete key ({@code raceId/athleteId}) and appear in URLs: letters, digits, {@code . _ -}. */
    static String requireRaceId(final String value, final String field) {
        requireText(value, field);
        if (!RACE_ID.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be 1-64 letters, digits, '.', '_' or '-', starting with a"
                    + " letter or digit (was '" + value + "')");
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
