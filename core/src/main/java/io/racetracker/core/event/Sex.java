package io.racetracker.core.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;
import java.util.Optional;

/** Sex category as race results publish it; {@code X} for non-binary or unknown. */
public enum Sex {
    M, F, X;

    /**
     * The category as registration systems and results write it: {@code M}, {@code F}, {@code X} in any case, and
     * {@code male}, {@code man}, {@code men}, {@code female}, {@code woman}, {@code women}, {@code W}; empty when the
     * text is none of them. Blank reads as {@code X}.
     */
    public static Optional<Sex> parse(final String text) {
        if (text == null) {
            return Optional.of(X);
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "m", "male", "man", "men" -> Optional.of(M);
            case "f", "w", "female", "woman", "women" -> Optional.of(F);
            case "x", "" -> Optional.of(X);
            default -> Optional.empty();
        };
    }

    /** On the wire: any of the spellings {@link #parse} takes; anything else is an error naming what was expected. */
    @JsonCreator
    public static Sex fromJson(final String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("sex must be M, F or X (or male, female, W),"
                + " was '" + text + "'"));
    }
}
