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

    /** Seconds in a day: times of day, and race times, gaps and targets within it, are built once each. */
    private static final int DAY_SECONDS = 86_400;
    /** Tenths of a unit up to 1,000 km or mi, and paces up to two hours a unit, built once each. */
    private static final int DISTANCE_TENTHS = 10_000;
    private static final int PACE_SECONDS = 7_200;

    private static final TextCache TIMES = new TextCache(DAY_SECONDS, seconds -> buildHms(seconds * 1000));
    private static final TextCache TARGETS = new TextCache(DAY_SECONDS, seconds -> buildTarget(seconds * 1000));
    private static final TextCache GAINS = new TextCache(DAY_SECONDS, seconds -> buildGap("+", seconds));
    private static final TextCache LOSSES = new TextCache(DAY_SECONDS, seconds -> buildGap("-", seconds));
    private static final TextCache AHEAD = new TextCache(DAY_SECONDS, seconds -> buildGap("", seconds) + " ahead");
    private static final TextCache BEHIND = new TextCache(DAY_SECONDS, seconds -> buildGap("", seconds) + " behind");
    private static final TextCache TIMES_OF_DAY = new TextCache(DAY_SECONDS, RaceTime::buildTimeOfDay);
    private static final TextCache[] PACES = byUnits(PACE_SECONDS, RaceTime::buildPace);
    private static final TextCache[] DISTANCES = byUnits(DISTANCE_TENTHS, RaceTime::buildDistance);

    private RaceTime() {
    }

    /*
     * Texts are built by hand rather than with String.format: they go into every projection the tracker writes, and
     * format's parsing showed up as a tenth of the tracker's time in a profile (docs/performance.md). Each is built
     * once per value (TextCache) and looked up after: every read shows several, from a few thousand values each.
     */

    /** 7,180,200 ms gives {@code 1:59:40}: whole seconds, truncated as results lists print them. */
    public static String hms(final long millis) {
        return millis >= 0 ? TIMES.text(millis / 1000) : buildHms(millis);
    }

    private static String buildHms(final long millis) {
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
        return millis >= 0 ? TARGETS.text(millis / 1000) : buildTarget(millis);
    }

    private static String buildTarget(final long millis) {
        final String text = buildHms(millis);
        return text.endsWith(":00") ? text.substring(0, text.length() - 3) : text;
    }

    /** A gap with its sign and no hours when under one: {@code +11 s}, {@code -1:05}. */
    public static String gap(final long millis) {
        final long seconds = Math.round(Math.abs(millis) / 1000.0);
        return millis < 0 ? LOSSES.text(seconds) : GAINS.text(seconds);
    }

    /**
     * How far ahead of or behind a schedule, without a sign: {@code 11 s ahead}, {@code 1:05 behind}; the gap of
     * {@link #gap} in words.
     */
    public static String margin(final long aheadMs) {
        final long seconds = Math.round(Math.abs(aheadMs) / 1000.0);
        return aheadMs >= 0 ? AHEAD.text(seconds) : BEHIND.text(seconds);
    }

    private static String buildGap(final String sign, final long seconds) {
        if (seconds < 60) {
            return sign + seconds + " s";
        }
        if (seconds < 3600) {
            return twoDigits(new StringBuilder(8).append(sign).append(seconds / 60).append(':'), seconds % 60).toString();
        }
        return sign + buildHms(seconds * 1000);
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
        return PACES[units.ordinal()].text(Math.round(units.pace(secondsPerKm)));
    }

    private static String buildPace(final Units units, final long seconds) {
        return twoDigits(new StringBuilder(8).append(seconds / 60).append(':'), seconds % 60).append('/')
                .append(units.symbol()).toString();
    }

    /** A distance in the race's units to a tenth: 25,000 m gives {@code 25.0 km}, or {@code 15.5 mi} in miles. */
    public static String distance(final double metres, final Units units) {
        return DISTANCES[units.ordinal()].text(Math.round(units.of(metres) * 10));
    }

    private static String buildDistance(final Units units, final long tenths) {
        return new StringBuilder(10).append(tenths / 10).append('.').append(tenths % 10).append(' ')
                .append(units.symbol()).toString();
    }

    /** The time of day of an instant in a zone, {@code HH:MM:SS}, as the race's clocks show it. */
    public static String timeOfDay(final Instant at, final ZoneId zone) {
        return TIMES_OF_DAY.text(LocalTime.ofInstant(at, zone).toSecondOfDay());
    }

    private static String buildTimeOfDay(final long secondOfDay) {
        final StringBuilder text = new StringBuilder(8);
        twoDigits(text, secondOfDay / 3600).append(':');
        twoDigits(text, secondOfDay / 60 % 60).append(':');
        return twoDigits(text, secondOfDay % 60).toString();
    }

    private static StringBuilder twoDigits(final StringBuilder text, final long value) {
        if (value < 10) {
            text.append('0');
        }
        return text.append(value);
    }

    /** A cache per unit, by ordinal. */
    private static TextCache[] byUnits(final int size, final UnitsText build) {
        final TextCache[] caches = new TextCache[Units.values().length];
        for (final Units units : Units.values()) {
            caches[units.ordinal()] = new TextCache(size, key -> build.text(units, key));
        }
        return caches;
    }

    @FunctionalInterface
    private interface UnitsText {
        String text(Units units, long key);
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
