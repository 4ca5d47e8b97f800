package io.racetracker.core.racefile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The bibs of a start wave as ranges of numbers, written as a race director writes them: {@code 1-499, 2001-2050},
 * {@code 7}, or nothing when entrants name their wave themselves. Ranges are kept sorted and merged, so two texts
 * for the same bibs compare equal and print alike.
 */
public final class BibRanges {
    private static final BibRanges NONE = new BibRanges(List.of());
    private static final Pattern RANGE = Pattern.compile("(\\d{1,15})(?:\\s*-\\s*(\\d{1,15}))?");

    private final List<Range> ranges;

    private BibRanges(final List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** One range of bib numbers, both ends included. */
    private record Range(long low, long high) {
        @Override
        public String toString() {
            return low == high ? Long.toString(low) : low + "-" + high;
        }
    }

    /** No bibs at all. */
    public static BibRanges none() {
        return NONE;
    }

    /**
     * Parses comma-separated numbers and ranges; null or blank gives {@link #none()}.
     *
     * @throws IllegalArgumentException naming the part that is not a number or range, or a range whose low end is
     *                                  above its high end
     */
    public static BibRanges parse(final String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        final List<Range> parsed = new ArrayList<>();
        for (final String part : text.split(",", -1)) {
            final Matcher m = RANGE.matcher(part.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("expected bib numbers and ranges such as '1-499, 2001-2050', got '"
                        + part.trim() + "' in '" + text.trim() + "'");
            }
            final long low = Long.parseLong(m.group(1));
            final long high = m.group(2) == null ? low : Long.parseLong(m.group(2));
            if (low > high) {
                throw new IllegalArgumentException("range " + low + "-" + high + " runs backwards; expected the low bib"
                        + " first, e.g. " + high + "-" + low);
            }
            parsed.add(new Range(low, high));
        }
        parsed.sort(Comparator.comparingLong(Range::low));
        final List<Range> merged = new ArrayList<>();
        for (final Range range : parsed) {
            final Range last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && range.low() <= last.high() + 1) {
                merged.set(merged.size() - 1, new Range(last.low(), Math.max(last.high(), range.high())));
            } else {
                merged.add(range);
            }
        }
        return new BibRanges(merged);
    }

    /** True when there are no bibs. */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether a bib is in a range. Bibs that are not whole numbers ({@code A12}, {@code 12b}) are in none. */
    public boolean contains(final String bib) {
        final OptionalLong number = number(bib);
        return number.isPresent() && ranges.stream()
                .anyMatch(r -> r.low() <= number.getAsLong() && number.getAsLong() <= r.high());
    }

    /** Whether some bib is in both. */
    public boolean overlaps(final BibRanges other) {
        return firstShared(other).isPresent();
    }

    /** The lowest bib in both, for messages that show where two waves meet. */
    public OptionalLong firstShared(final BibRanges other) {
        long best = Long.MAX_VALUE;
        for (final Range mine : ranges) {
            for (final Range theirs : other.ranges) {
                final long low = Math.max(mine.low(), theirs.low());
                if (low <= Math.min(mine.high(), theirs.high())) {
                    best = Math.min(best, low);
                }
            }
        }
        return best == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(best);
    }

    private static OptionalLong number(final String bib) {
        final String text = bib == null ? "" : bib.trim();
        if (text.isEmpty() || text.length() > 15 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(text));
    }

    /** The normalized text, e.g. {@code 1-499, 2001-2050}; empty for none. */
    @Override
    public String toString() {
        return ranges.stream().map(Range::toString).collect(Collectors.joining(", "));
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof BibRanges that && ranges.equals(that.ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }
}
