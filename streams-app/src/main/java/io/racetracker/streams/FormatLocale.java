package io.racetracker.streams;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * The process's default locale for formatting, set for Kafka Streams' sake where that changes nothing else.
 *
 * <p>Kafka Streams (4.3 and 4.4) builds a log text with {@code String.format} for every record of a task one of whose
 * input partitions is empty, whether it logs it or not ({@code PartitionGroup.readyToProcess}); the athlete's task
 * reads {@code race-athletes} and {@code race-corrections}, which are empty through a race, so every read pays for two.
 * A {@link java.util.Formatter} whose locale is not en-US builds a new {@link DecimalFormatSymbols} (through the
 * locale service providers) for each number it formats; with en-US it takes the ASCII digits as they are. Machines
 * and containers without a locale set ({@code C}, {@code POSIX}: Java's {@code en}) format numbers exactly as en-US
 * does, but miss that shortcut.
 *
 * <p>{@link #pinWhereNothingChanges()} makes en-US the default format locale only when the current one formats
 * numbers exactly as en-US does (digits, separators, grouping, signs), so that no text any part of the process formats
 * with the default locale changes. Under any other locale (say {@code de-AT}) the default stays and Kafka Streams'
 * texts cost what they did; {@code -Duser.language=en -Duser.country=US} on the JVM's command line gives the shortcut
 * there, with English number formats in the console's texts.
 */
public final class FormatLocale {

    private FormatLocale() {
    }

    /**
     * Sets the default format locale to en-US when the current one formats numbers as en-US does.
     *
     * @return whether the default changed
     */
    public static boolean pinWhereNothingChanges() {
        final Locale current = Locale.getDefault(Locale.Category.FORMAT);
        if (current.equals(Locale.US) || !formatsNumbersAsUs(current)) {
            return false;
        }
        Locale.setDefault(Locale.Category.FORMAT, Locale.US);
        return true;
    }

    /** Whether {@code locale} formats numbers with en-US's symbols, grouping and signs. */
    static boolean formatsNumbersAsUs(final Locale locale) {
        final DecimalFormatSymbols mine = DecimalFormatSymbols.getInstance(locale);
        final DecimalFormatSymbols us = DecimalFormatSymbols.getInstance(Locale.US);
        return mine.getZeroDigit() == us.getZeroDigit()
                && mine.getDecimalSeparator() == us.getDecimalSeparator()
                && mine.getGroupingSeparator() == us.getGroupingSeparator()
                && mine.getMinusSign() == us.getMinusSign()
                && mine.getExponentSeparator().equals(us.getExponentSeparator())
                && mine.getInfinity().equals(us.getInfinity())
                && mine.getNaN().equals(us.getNaN())
                && grouping(locale).equals(grouping(Locale.US));
    }

    /** How a locale groups an integer's digits: its grouping size, or "none". */
    private static String grouping(final Locale locale) {
        final NumberFormat format = NumberFormat.getIntegerInstance(locale);
        return format instanceof DecimalFormat decimal && decimal.isGroupingUsed()
                ? Integer.toString(decimal.getGroupingSize()) : "none";
    }
}
