package io.racetracker.streams;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.event.BroadcastLine;
import io.racetracker.core.event.Units;
import io.racetracker.core.race.RaceTime;
import java.util.Locale;

/** How the tracker words things for people: names, places on the course, broadcast lines. */
public final class LiveText {
    /** Longest name, in characters (code points), that outputs carry; a longer one ends in an ellipsis. */
    static final int MAX_NAME_LENGTH = 100;
    private static final String ELLIPSIS = "\u2026";

    private LiveText() {
    }

    /**
     * The name as outputs show it: at most {@value #MAX_NAME_LENGTH} characters, a longer one cut to
     * {@value #MAX_NAME_LENGTH} - 1 and ended with an ellipsis. Names are free text from the registration; the
     * registration itself keeps the name whole.
     */
    static String shownName(final String name) {
        if (name == null || name.length() <= MAX_NAME_LENGTH
                || name.codePointCount(0, name.length()) <= MAX_NAME_LENGTH) {
            return name;
        }
        final String cut = name.substring(0, name.offsetByCodePoints(0, MAX_NAME_LENGTH - 1)).stripTrailing();
        return cut + ELLIPSIS;
    }

    /** The registration with its name as outputs show it ({@link #shownName}); the same object when it is short. */
    public static Athlete shown(final Athlete athlete) {
        final String name = shownName(athlete.name());
        return name.equals(athlete.name()) ? athlete : new Athlete(athlete.athleteId(), athlete.raceId(), athlete.bib(),
                name, athlete.country(), athlete.sex(), athlete.category(), athlete.age(), athlete.targetMs(),
                athlete.pacemaker(), athlete.chip(), athlete.wave());
    }

    /** "Eliud Kipchoge" reads as KIPCHOGE, as on broadcast graphics. */
    public static String shortName(final String name) {
        return appendShortName(new StringBuilder(), name).toString();
    }

    /** "at 25 km" (or "at 15.5 mi" where the race reads miles), "at HALF", "at LOOP lap 3". */
    public static String at(final AthleteProjection p, final Units units) {
        return appendPlace(new StringBuilder("at "), p, units).toString();
    }

    /** "25 km" (or "15.5 mi" where the race reads miles), "HALF", "LOOP lap 3": where the athlete was last read. */
    public static String place(final AthleteProjection p, final Units units) {
        return appendPlace(new StringBuilder(), p, units).toString();
    }

    private static StringBuilder appendPlace(final StringBuilder text, final AthleteProjection p, final Units units) {
        final String id = p.timingPointId();
        if (isKilometre(id)) {
            return units == Units.KM ? text.append(id, 0, id.length() - 1).append(" km")
                    : text.append(RaceTime.distance(p.distanceM(), units));
        }
        text.append(id);
        return p.lap() == null ? text : text.append(" lap ").append(p.lap().intValue());
    }

    /** A mat named by its kilometre, {@code 25K}. */
    private static boolean isKilometre(final String id) {
        if (id.length() < 2 || id.charAt(id.length() - 1) != 'K') {
            return false;
        }
        for (int i = 0; i < id.length() - 1; i++) {
            if (!Character.isDigit(id.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code KIPCHOGE 1:59:43 PROJ - 87% SUB-2:00 - +11 s AT HALF}; {@code KIPCHOGE FINISHES 1:59:40 - SUB-2:00}.
     * Made for every read that is news, in one builder: the name's last word and the place in capitals as
     * {@link String#toUpperCase(Locale)} of {@link Locale#ROOT} writes them.
     */
    public static BroadcastLine broadcast(final AthleteProjection p, final Units units) {
        final StringBuilder text = new StringBuilder(72);
        appendShortName(text, p.name());
        if (p.status() == AthleteStatus.FINISHED) {
            text.append(" FINISHES ").append(p.display().elapsed());
            if (p.elapsedMs() < p.targetMs()) {
                text.append(" - SUB-").append(RaceTime.target(p.targetMs()));
            }
        } else {
            text.append(' ').append(p.display().projectedFinish()).append(" PROJ - ").append(p.display().chance())
                    .append(" SUB-").append(RaceTime.target(p.targetMs())).append(" - ")
                    .append(RaceTime.gap(p.aheadOfTargetMs())).append(" AT ");
            final int place = text.length();
            upperCaseFrom(appendPlace(text, p, units), place);
        }
        return new BroadcastLine(p.raceId(), p.athleteId(), text.toString(), p.timingPointId(), p.distanceM(),
                p.elapsedMs(), p.projectedFinishMs(), p.pTarget(), p.aheadOfTargetMs(), p.status(), p.readAt());
    }

    /** {@link #shortName} of {@code name}, appended. */
    private static StringBuilder appendShortName(final StringBuilder text, final String name) {
        int end = name.length();
        while (end > 0 && Character.isWhitespace(name.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0 && !Character.isWhitespace(name.charAt(start - 1))) {
            start--;
        }
        final int from = text.length();
        return upperCaseFrom(text.append(name, start, end), from);
    }

    /**
     * Puts what {@code text} holds from {@code from} in capitals, as {@code toUpperCase(Locale.ROOT)} would; ASCII in
     * place, anything else (where a capital may be longer, as {@code ß} is {@code SS}) through that very method.
     */
    private static StringBuilder upperCaseFrom(final StringBuilder text, final int from) {
        for (int i = from; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c >= 0x80) {
                final String rest = text.substring(from);
                text.setLength(from);
                return text.append(rest.toUpperCase(Locale.ROOT));
            }
            if (c >= 'a' && c <= 'z') {
                text.setCharAt(i, (char) (c - ('a' - 'A')));
            }
        }
        return text;
    }
}
