package io.racetracker.streams.http;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A subscriber's filter, from {@code ?race=..&athlete=..&kind=a,b}: every given condition must hold. The athlete
 * condition applies to athlete records only; race-level records (leaderboards) pass it.
 */
public record EventFilter(String race, String athlete, Set<Kind> kinds) {
    /** Ids are short, printable and free of anything a URL, a path or a page could misread. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final Set<String> PARAMS = Set.of("race", "athlete", "kind");

    public static EventFilter all() {
        return new EventFilter(null, null, EnumSet.allOf(Kind.class));
    }

    /**
     * @throws BadRequestException naming the parameter and what was expected
     */
    public static EventFilter parse(final Map<String, List<String>> query) {
        for (final String name : query.keySet()) {
            if (!PARAMS.contains(name)) {
                throw new BadRequestException("unknown parameter '" + name + "'; expected race, athlete or kind");
            }
        }
        final String race = id(query, "race");
        final String athlete = id(query, "athlete");
        final String kindParam = single(query, "kind");
        final Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        if (kindParam == null) {
            kinds.addAll(EnumSet.allOf(Kind.class));
        } else {
            for (final String name : kindParam.split(",", -1)) {
                kinds.add(Kind.ofWireName(name.trim()).orElseThrow(() -> new BadRequestException(
                        "unknown kind '" + printable(name) + "'; valid kinds: " + Kind.wireNames())));
            }
        }
        return new EventFilter(race, athlete, kinds);
    }

    /** Validates one id-like path or query value. */
    public static String checkId(final String what, final String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new BadRequestException(what + " must be 1 to 64 letters, digits or . _ : - (starting with a letter"
                    + " or digit), got '" + printable(value) + "'");
        }
        return value;
    }

    public boolean accepts(final FeedEvent event) {
        return kinds.contains(event.kind())
                && (race == null || race.equals(event.raceId()))
                && (athlete == null || event.athleteId() == null || athlete.equals(event.athleteId()));
    }

    private static String id(final Map<String, List<String>> query, final String name) {
        final String value = single(query, name);
        return value == null ? null : checkId(name, value);
    }

    private static String single(final Map<String, List<String>> query, final String name) {
        final List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new BadRequestException("parameter '" + name + "' given " + values.size() + " times; give it once");
        }
        return values.get(0);
    }

    /** A value fit to quote back in an error message: short and without control characters. */
    static String printable(final String value) {
        if (value == null) {
            return "";
        }
        final String clean = value.codePoints().filter(c -> c >= 0x20 && c != 0x7f)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > 40 ? clean.substring(0, 40) + "..." : clean;
    }

    /** A request the server refuses with 400 and this message. */
    public static final class BadRequestException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadRequestException(final String message) {
            super(message);
        }
    }
}
