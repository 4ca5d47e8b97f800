package io.racetracker.core.results;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a results file's name says: which race it is ({@code boston-2022}) and on which course ({@code boston}). */
public final class RaceNames {
    private static final Pattern RACE = Pattern.compile("^(.*?-\\d{4})(?:\\D.*)?$");
    private static final Pattern COURSE = Pattern.compile("^(.*?)-\\d{4}(?:\\D.*)?$");

    private RaceNames() {
    }

    /** The race a results file belongs to: its name without extension and the sex suffix of the majors files. */
    public static String raceOf(final String fileName) {
        final Matcher m = RACE.matcher(fileName);
        return m.matches() ? m.group(1) : fileName.replaceFirst("\\..*$", "");
    }

    /** The course of a race or file name: the part before the year ({@code boston-2022} gives {@code boston}). */
    public static String courseOf(final String name) {
        final Matcher m = COURSE.matcher(name);
        return m.matches() ? m.group(1) : name;
    }
}
