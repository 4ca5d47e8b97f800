package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The default format locale moves to en-US only where no number's text changes. */
class FormatLocaleTest {
    private static final String NUMBERS = "%d %,d %d %.3f %,.2f %e %g %05d %+d %s";
    private static final Object[] VALUES = {1_234_567, 9_876_543_210L, -42, Math.PI, -1_234_567.891, 6.02e23, 0.000123,
        7, 3, Double.NaN};

    @Test
    void whereItWouldMoveEveryNumberReadsAsInUsEnglish() {
        int same = 0;
        final String us = String.format(Locale.US, NUMBERS, VALUES);
        for (final Locale locale : Locale.getAvailableLocales()) {
            // never moved where a number would read otherwise (kept, to be safe, for a few that would read the same)
            if (FormatLocale.formatsNumbersAsUs(locale)) {
                same++;
                assertEquals(us, String.format(locale, NUMBERS, VALUES), locale.toLanguageTag());
            }
        }
        // English without a country (the locale of C and POSIX), and most English-speaking countries
        assertTrue(FormatLocale.formatsNumbersAsUs(Locale.ENGLISH));
        assertTrue(FormatLocale.formatsNumbersAsUs(Locale.UK));
        assertTrue(same > 10, same + " locales");
    }

    @Test
    void localesThatWriteNumbersOtherwiseKeepTheirWay() {
        for (final Locale locale : new Locale[] {Locale.GERMANY, Locale.FRANCE, new Locale("de", "AT"),
            new Locale("de", "CH"), new Locale("ar", "EG"), new Locale("hi", "IN"), new Locale("en", "IN")}) {
            if (!String.format(Locale.US, NUMBERS, VALUES).equals(String.format(locale, NUMBERS, VALUES))) {
                assertFalse(FormatLocale.formatsNumbersAsUs(locale), locale.toLanguageTag());
            }
        }
        assertFalse(FormatLocale.formatsNumbersAsUs(Locale.GERMANY));
    }

    @Test
    void pinsOnlyWhereNothingChanges() {
        final Locale before = Locale.getDefault(Locale.Category.FORMAT);
        try {
            Locale.setDefault(Locale.Category.FORMAT, Locale.ENGLISH);
            assertTrue(FormatLocale.pinWhereNothingChanges());
            assertEquals(Locale.US, Locale.getDefault(Locale.Category.FORMAT));
            assertFalse(FormatLocale.pinWhereNothingChanges(), "already en-US");

            Locale.setDefault(Locale.Category.FORMAT, Locale.GERMANY);
            assertFalse(FormatLocale.pinWhereNothingChanges());
            assertEquals(Locale.GERMANY, Locale.getDefault(Locale.Category.FORMAT));
        } finally {
            Locale.setDefault(Locale.Category.FORMAT, before);
        }
    }
}
