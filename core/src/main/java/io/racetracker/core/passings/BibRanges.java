package io.racetracker.core.passings;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bibs of a start wave as people write them: {@code 1-499, 2001-2050}, single bibs such as {@code 7} or
 * {@code E1} among them. Numeric bibs fall in a range by their number; others match a single entry exactly.
 */
public final class BibRanges {
    private static final Pattern RANGE = Pattern.compile("(\\d+)\\s*-\\s*(\\d+)");
    private final List<long[]> ranges = new ArrayList<>();
    private final List<String> singles = new ArrayList<>();

    private BibRanges(final String text) {
        for (final String part : text.split("[,;]")) {
            final String entry = part.trim();
            if (entry.isEmpty()) {
                continue;
            }
            final Matcher m = RANGE.matcher(entry);
            if (m.matches()) {
                ranges.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
            } else {
                singles.add(entry);
            }
        }
    }

    /** The ranges of a wave's {@code bibs} text; an empty or null text contains no bib. */
    public static BibRanges parse(final String text) {
        return new BibRanges(text == null ? "" : text);
    }

    public boolean contains(final String bib) {
        if (bib == null || bib.isBlank()) {
            return false;
        }
        final String b = bib.trim();
        if (singles.contains(b)) {
            return true;
        }
        final long number;
        try {
            number = Long.parseLong(b);
        } catch (final NumberFormatException e) {
            return false;
        }
        for (final long[] range : ranges) {
            if (number >= range[0] && number <= range[1]) {
                return true;
            }
        }
        return singles.stream().anyMatch(s -> s.matches("\\d+") && Long.parseLong(s) == number);
    }
}
