package io.racetracker.core.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How people at a race read distances and paces: kilometres and min/km, or miles and min/mi. The wire always
 * carries metres and milliseconds; this only changes what a person reads.
 */
public enum Units {
    KM("km", 1_000.0),
    MI("mi", 1_609.344);

    private final String symbol;
    private final double metres;

    Units(final String symbol, final double metres) {
        this.symbol = symbol;
        this.metres = metres;
    }

    /** {@code km} or {@code mi}, as on the wire and in race files. */
    @JsonValue
    public String symbol() {
        return symbol;
    }

    /** Metres in one unit. */
    public double metres() {
        return metres;
    }

    /** Seconds per unit from seconds per kilometre. */
    public double pace(final double secondsPerKm) {
        return secondsPerKm * metres / 1_000.0;
    }

    /** Distance in this unit. */
    public double of(final double distanceM) {
        return distanceM / metres;
    }

    /** {@code km} or {@code mi} in any case; null gives null. */
    @JsonCreator
    public static Units of(final String text) {
        if (text == null) {
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "km", "k", "kilometres", "kilometers" -> KM;
            case "mi", "mile", "miles" -> MI;
            default -> throw new IllegalArgumentException("units must be km or mi (was '" + text + "')");
        };
    }
}
