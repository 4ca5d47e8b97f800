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

    /** Race ids start every athlete key ({@code raceId/athleteId}) and appear in URLs: letters, digits, {@code . _ -}. */
    /**
     * Whether the text is a race id, {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}: checked by hand, as every read and every
     * split of a history read back from the store is built through it.
     */
    static boolean isRaceId(final String value) {
        final int length = value.length();
        if (length < 1 || length > 64 || !isAsciiLetterOrDigit(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            final char c = value.charAt(i);
            if (!isAsciiLetterOrDigit(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetterOrDigit(final char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    static String requireRaceId(final String value, final String field) {
        requireText(value, field);
        if (!isRaceId(value)) {
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
