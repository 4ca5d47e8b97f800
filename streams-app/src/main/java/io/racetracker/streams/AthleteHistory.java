package io.racetracker.streams;

import io.racetracker.core.event.SplitEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The value of the {@code athlete-splits} store: every accepted split of one athlete in course order, and how
 * many duplicate reads were counted. Immutable; each change returns a new history.
 *
 * @param splits     accepted splits, increasing in distance
 * @param duplicates reads of a crossing already accepted
 */
record AthleteHistory(List<SplitEvent> splits, long duplicates) {
    static final AthleteHistory EMPTY = new AthleteHistory(List.of(), 0);

    AthleteHistory {
        splits = List.copyOf(splits);
    }

    Optional<SplitEvent> crossing(final String crossingId) {
        return splits.stream().filter(s -> s.crossingId().equals(crossingId)).findFirst();
    }

    /** The accepted split just before the given distance, if any. */
    Optional<SplitEvent> before(final double distanceM) {
        return splits.stream().filter(s -> s.distanceM() < distanceM).reduce((a, b) -> b);
    }

    /** The accepted split just after the given distance, if any. */
    Optional<SplitEvent> after(final double distanceM) {
        return splits.stream().filter(s -> s.distanceM() > distanceM).findFirst();
    }

    AthleteHistory with(final SplitEvent split) {
        final List<SplitEvent> next = new ArrayList<>(splits);
        next.add(split);
        next.sort(Comparator.comparingDouble(SplitEvent::distanceM));
        return new AthleteHistory(next, duplicates);
    }

    AthleteHistory withDuplicate() {
        return new AthleteHistory(splits, duplicates + 1);
    }

    /** The splits up to and including the given one. */
    List<SplitEvent> upTo(final SplitEvent split) {
        return splits.subList(0, splits.indexOf(split) + 1);
    }

    SplitEvent latest() {
        return splits.get(splits.size() - 1);
    }
}
