package io.racetracker.core.race;

import io.racetracker.core.event.Units;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Times, paces and distances as runners read them: H:MM:SS, M:SS/km or M:SS/mi, km or mi, time of day. */
public final class RaceTime {
    private static final Pattern HMS = Pattern.compile("^(?:(\\d+):)?(\\d{1,2}):(\\d{2})(?:\\.(\\d{1,3}))?$");

    private RaceTime() {
    }

    /** 7,180,200 ms gives {@code 1:59:40}: whole seconds, truncated as results lists print them. */
    public static String hms(final long millis) {
        final long totalSeconds = Math.abs(millis) / 1000;
        final StringBuilder text = new StringBuilder(9);
        if (millis < 0) {
            text.append('-');
        }
        text.append(totalSeconds / 3600).append(':');
        return twoDigits(twoDigits(text, totalSeconds / 60 % 60).append(':'), totalSeconds % 60).toString();
    }

    /** A target as people say it: {@code 2:00} for 2:00:00, {@code 2:01:25} otherwise. */
    public static String target(final long millis) {
        final String text = hms(millis);
        return text.endsWith(":00") ? text.substring(0, text.length() - 3) : text;
    }

    /** A gap with its sign and no hours when under one: {@code +11 s}, {@code -1:05}. */
    public static String gap(final long millis) {
        final long seconds = Math.round(Math.abs(millis) / 1000.0);
        final String sign = millis < 0 ? "-" : "+";
        if (seconds < 60) {
            return sign + seconds + " s";
        }
        if (seconds < 3600) {
            return twoDigits(new StringBuilder(8).append(sign).append(seconds / 60).append(':'), seconds % 60).toString();
        }
        return sign + hms(seconds * 1000);
    }

    /** 170.0 s/km gives {@code 2:50/km}. */
    public static String pace(final double secondsPerKm) {
        return pace(secondsPerKm, Units.KM);
    }

    /** A pace in the race's units: 170.0 s/km gives {@code 2:50/km}, or {@code 4:34/mi} in miles. */
    public static String pace(final double secondsPerKm, final Units units) {
        if (!Double.isFinite(secondsPerKm) || secondsPerKm <= 0) {
            return "-";
        }
        final long seconds = Math.round(units.pace(secondsPerKm));
        return twoDigits(new StringBuilder(8).append(seconds / 60).append(':'), seconds % 60).append('/')
                .append(units.symbol()).toString();
    }

    /** A distance in the race's units to a tenth: 25,000 m gives {@code 25.0 km}, or {@code 15.5 mi} in miles. */
    public static String distance(final double metres, final Units units) {
        final long tenths = Math.round(units.of(metres) * 10);
        return new StringBuilder(10).append(tenths / 10).append('.').append(tenths % 10).append(' ')
                .append(units.symbol()).toString();
    }

    /** The time of day of an instant in a zone, {@code HH:MM:SS}, as the race's clocks show it. */
    public static String timeOfDay(final Instant at, final ZoneId zone) {
        final LocalTime local = LocalTime.ofInstant(at, zone);
        final StringBuilder text = new StringBuilder(8);
        twoDigits(text, local.getHour()).append(':');
        twoDigits(text, local.getMinute()).append(':');
        return twoDigits(text, local.getSecond()).toString();
    }

    /*
     * Texts are built by hand rather than with String.format: they go into every projection the tracker writes, and
     * format's parsing showed up as a tenth of the tracker's time in a profile (docs/performance.md).
     */
    private static StringBuilder twoDigits(final StringBuilder text, final long value) {
        if (value < 10) {
            text.append('0');
        }
        return text.append(value);
    }

    /**
     * Parses {@code H:MM:SS}, {@code MM:SS} or either with tenths, e.g. {@code 1:59:40.2}.
     *
     * @throws IllegalArgumentException naming what was expected
     */
    public static long parse(final String text) {
        final Matcher m = text == null ? null : HMS.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("expected a time as H:MM:SS (for example 1:59:40), got '" + text + "'");
        }
        final long hours = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        final long minutes = Long.parseLong(m.group(2));
        final long seconds = Long.parseLong(m.group(3));
        if (minutes > 59 && m.group(1) != null || seconds > 59) {
            throw new IllegalArgumentException("minutes and seconds must be below 60 in '" + text + "'");
        }
        final String fraction = m.group(4) == null ? "0" : (m.group(4) + "00").substring(0, 3);
        return ((hours * 60 + minutes) * 60 + seconds) * 1000 + Long.parseLong(fraction);
    }

    /** Seconds per kilometre over a distance covered in a time. */
    public static double secondsPerKm(final long millis, final double metres) {
        return metres <= 0 ? Double.NaN : (millis / 1000.0) / (metres / 1000.0);
    }
}
