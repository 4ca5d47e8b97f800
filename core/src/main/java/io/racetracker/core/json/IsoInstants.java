package io.racetracker.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads (and, for the output writers, writes) the instants of JSON text, every read's {@code readAt} among them, without
 * {@code DateTimeFormatter}: the one
 * shape the contract writes and timing systems send, {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with every field in its
 * range, is read by hand into the same {@link Instant} that {@code DateTimeFormatter.ISO_INSTANT} gives; anything else
 * (another shape, a leap second, 24:00, a number) goes to Jackson's own {@code InstantDeserializer}, unchanged, with
 * its answers and its errors. The formatter's way built a parse context, a map of fields and several
 * {@code BigDecimal}s per instant: a few percent of the stream threads' time.
 */
final class IsoInstants extends StdScalarDeserializer<Instant> {
    private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    /** The longest text {@link #format} writes: {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ}. */
    static final int MAX_LENGTH = 30;
    private static final long FIRST_SECOND = -62_167_219_200L; // 0000-01-01T00:00:00Z
    private static final long LAST_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z

    private IsoInstants() {
        super(Instant.class);
    }

    /** A module that reads every {@link Instant} so; register it after Jackson's {@code JavaTimeModule}. */
    static SimpleModule module() {
        return new SimpleModule("iso-instants").addDeserializer(Instant.class, new IsoInstants());
    }

    @Override
    public Instant deserialize(final JsonParser p, final DeserializationContext ctxt) throws IOException {
        if (p.hasToken(JsonToken.VALUE_STRING)) {
            final Instant quick = parse(p.getText());
            if (quick != null) {
                return quick;
            }
        }
        return InstantDeserializer.INSTANT.deserialize(p, ctxt);
    }

    /**
     * The instant of {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} (years 0000-9999, every field in its range), or null for
     * any other text.
     */
    static Instant parse(final String text) {
        final int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        final int year = digits(text, 0, 4);
        final int month = digits(text, 5, 2);
        final int day = digits(text, 8, 2);
        final int hour = digits(text, 11, 2);
        final int minute = digits(text, 14, 2);
        final int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            final int fraction = length - 21;
            if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = digits(text, 20, fraction);
            if (nanos < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        final long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    }

    /**
     * Writes the instant into {@code out} as {@code Instant.toString()} does ({@code DateTimeFormatter.ISO_INSTANT}: the
     * fraction in groups of three digits, as many as it needs) and returns its length; or returns -1, writing nothing
     * useful, for an instant outside the years 0000-9999, which {@code toString} writes with a sign or more digits.
     */
    static int format(final Instant instant, final char[] out) {
        final long seconds = instant.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
            return -1;
        }
        final long days = Math.floorDiv(seconds, 86_400L);
        final int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        final LocalDate date = LocalDate.ofEpochDay(days);
        final int year = date.getYear();
        final int month = date.getMonthValue();
        final int day = date.getDayOfMonth();
        put(out, 0, year, 4);
        out[4] = '-';
        put(out, 5, month, 2);
        out[7] = '-';
        put(out, 8, day, 2);
        out[10] = 'T';
        put(out, 11, secondOfDay / 3_600, 2);
        out[13] = ':';
        put(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        put(out, 17, secondOfDay % 60, 2);
        int length = 19;
        final int nanos = instant.getNano();
        if (nanos > 0) {
            out[length++] = '.';
            if (nanos % 1_000_000 == 0) {
                put(out, length, nanos / 1_000_000, 3);
                length += 3;
            } else if (nanos % 1000 == 0) {
                put(out, length, nanos / 1000, 6);
                length += 6;
            } else {
                put(out, length, nanos, 9);
                length += 9;
            }
        }
        out[length++] = 'Z';
        return length;
    }

    /** Writes {@code value} as {@code width} decimal digits, zero-padded, from {@code at}. */
    private static void put(final char[] out, final int at, final int value, final int width) {
        int rest = value;
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
    }

    /** The number in {@code count} ASCII digits from {@code from}, or -1 if any is not a digit. */
    private static int digits(final String text, final int from, final int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            final int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static int daysIn(final int year, final int month) {
        final boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        return month == 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
    }
}
