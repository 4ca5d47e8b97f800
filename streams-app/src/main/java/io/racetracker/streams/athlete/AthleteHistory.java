package io.racetracker.streams.athlete;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.SplitEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The value of the {@code athlete-splits} store: the athlete's registration, every accepted split in course order,
 * how many duplicate reads were counted, whether the athlete was given up as did-not-finish, and when the last
 * broadcast line went out. Immutable; each change returns a new history. The registration is kept here, not in a
 * table of its own, so that a read costs one store lookup.
 *
 * @param athlete         the registration from {@code race-athletes}, null while there is none
 * @param splits          accepted splits, increasing in distance
 * @param duplicates      reads of a crossing already accepted
 * @param dnf             silent for too long; cleared by the next accepted read
 * @param lastBroadcastAt read time of the last broadcast line, null before the first
 * @param standing        the figures of the latest published state that alerts compare against, null before it
 * @param held            reads that came before the athlete's registration, oldest first, taken up when it comes
 * @param disqualified    disqualified by an operator's correction
 * @param overrides       an operator's corrections of the registration (category, wave), applied over every later
 *                        registration too; null when there are none
 */
public record AthleteHistory(Athlete athlete, List<SplitEvent> splits, long duplicates, boolean dnf, Instant lastBroadcastAt,
                      Standing standing, List<Held> held, Boolean disqualified, Overrides overrides) {
    public static final AthleteHistory EMPTY = new AthleteHistory(null, List.of(), 0, false, null, null, List.of(), false, null);

    /**
     * What operators changed in an athlete's registration; null fields are not changed.
     *
     * @param category the category to use instead of the registration's
     * @param wave     the start wave to use instead of the registration's
     */
    public record Overrides(String category, String wave) {
        Athlete applyTo(final Athlete athlete) {
            if (athlete == null) {
                return null;
            }
            return new Athlete(athlete.athleteId(), athlete.raceId(), athlete.bib(), athlete.name(), athlete.country(),
                    athlete.sex(), category != null ? category : athlete.category(), athlete.age(), athlete.targetMs(),
                    athlete.pacemaker(), athlete.chip(), wave != null ? wave : athlete.wave());
        }

        Overrides withCategory(final String newCategory) {
            return new Overrides(newCategory, wave);
        }

        Overrides withWave(final String newWave) {
            return new Overrides(category, newWave);
        }
    }
    /** Most reads held for an athlete not (yet) registered: a bound on what a stray key can make the store keep. */
    static final int MAX_HELD = 64;
    /** The splits' order: by distance (a stable sort keeps reads at the same distance as they came). */
    private static final Comparator<SplitEvent> BY_DISTANCE = Comparator.comparingDouble(SplitEvent::distanceM);

    /**
     * A read kept until its athlete's registration comes: its original bytes and where it was read.
     *
     * @param raw       the record's value as it arrived on {@code race-splits}
     * @param partition its partition
     * @param offset    its offset
     */
    public record Held(byte[] raw, int partition, long offset) {
        @Override
        public boolean equals(final Object other) {
            return other instanceof Held held && Arrays.equals(raw, held.raw) && partition == held.partition
                    && offset == held.offset;
        }

        @Override
        public int hashCode() {
            return (Arrays.hashCode(raw) * 31 + partition) * 31 + Long.hashCode(offset);
        }

        @Override
        public String toString() {
            return "Held[" + raw.length + " bytes from " + partition + "/" + offset + "]";
        }
    }

    /**
     * What the athlete's alerts are measured against: kept with the history so that the previous state need not be
     * projected again on every read.
     */
    public record Standing(double pTarget, long aheadOfTargetMs, long projectedFinishMs) {
        static Standing of(final io.racetracker.core.event.AthleteProjection state) {
            return new Standing(state.pTarget(), state.aheadOfTargetMs(), state.projectedFinishMs());
        }
    }

    public AthleteHistory {
        splits = List.copyOf(splits);
        held = held == null ? List.of() : List.copyOf(held);
        // boxed so that a history stored before disqualifications existed still reads (as not disqualified)
        disqualified = Boolean.TRUE.equals(disqualified);
    }

    // the lookups below run on every read: loops over the few splits, no stream pipeline to build each time

    Optional<SplitEvent> crossing(final String crossingId) {
        for (final SplitEvent split : splits) {
            if (split.crossingId().equals(crossingId)) {
                return Optional.of(split);
            }
        }
        return Optional.empty();
    }

    /** The accepted split just before the given distance, if any. */
    Optional<SplitEvent> before(final double distanceM) {
        SplitEvent before = null;
        for (final SplitEvent split : splits) {
            if (split.distanceM() < distanceM) {
                before = split;
            }
        }
        return Optional.ofNullable(before);
    }

    /** The accepted split just after the given distance, if any. */
    Optional<SplitEvent> after(final double distanceM) {
        for (final SplitEvent split : splits) {
            if (split.distanceM() > distanceM) {
                return Optional.of(split);
            }
        }
        return Optional.empty();
    }

    /**
     * The history with one more split, where a stable sort by distance of the splits and the new one puts it: after
     * every split that is not further. Built in one array (the splits are already in that order); should they not be,
     * they are sorted as they come.
     */
    AthleteHistory with(final SplitEvent split) {
        final int size = splits.size();
        final SplitEvent[] next = new SplitEvent[size + 1];
        int at = size;
        for (int i = 0; i < size; i++) {
            final SplitEvent s = splits.get(i);
            if (i > 0 && BY_DISTANCE.compare(next[i - 1], s) > 0) {
                return withSorted(split);
            }
            next[i] = s;
            if (at == size && BY_DISTANCE.compare(s, split) > 0) {
                at = i;
            }
        }
        System.arraycopy(next, at, next, at + 1, size - at);
        next[at] = split;
        return new AthleteHistory(athlete, List.of(next), duplicates, false, lastBroadcastAt, standing, held, disqualified,
                overrides);
    }

    /** {@link #with}, by sorting the splits and the new one (stable): what it gives, by definition. */
    AthleteHistory withSorted(final SplitEvent split) {
        final List<SplitEvent> next = new ArrayList<>(splits);
        next.add(split);
        next.sort(BY_DISTANCE);
        return new AthleteHistory(athlete, next, duplicates, false, lastBroadcastAt, standing, held, disqualified, overrides);
    }

    /** The history without one of its splits (taken back); the counts stay. */
    AthleteHistory without(final SplitEvent split) {
        final List<SplitEvent> rest = new ArrayList<>(splits);
        rest.remove(split);
        return new AthleteHistory(athlete, rest, duplicates, dnf, lastBroadcastAt, standing, held, disqualified, overrides);
    }

    AthleteHistory withDuplicate() {
        return new AthleteHistory(athlete, splits, duplicates + 1, dnf, lastBroadcastAt, standing, held, disqualified, overrides);
    }

    AthleteHistory withDnf() {
        return new AthleteHistory(athlete, splits, duplicates, true, lastBroadcastAt, standing, held, disqualified, overrides);
    }

    AthleteHistory withBroadcastAt(final Instant readAt) {
        return new AthleteHistory(athlete, splits, duplicates, dnf, readAt, standing, held, disqualified, overrides);
    }

    /** The history with this registration (null: none), under the operators' overrides; splits and counts stay. */
    AthleteHistory withAthlete(final Athlete registration) {
        final Athlete effective = overrides == null ? registration : overrides.applyTo(registration);
        return new AthleteHistory(effective, splits, duplicates, dnf, lastBroadcastAt, standing, held, disqualified, overrides);
    }

    /** The history with (or without) a disqualification. */
    AthleteHistory withDisqualified(final boolean value) {
        return new AthleteHistory(athlete, splits, duplicates, dnf, lastBroadcastAt, standing, held, value, overrides);
    }

    /** The history under new overrides, applied to its registration at once. */
    AthleteHistory withOverrides(final Overrides value) {
        return new AthleteHistory(value.applyTo(athlete), splits, duplicates, dnf, lastBroadcastAt, standing, held,
                disqualified, value);
    }

    AthleteHistory withStanding(final Standing now) {
        return new AthleteHistory(athlete, splits, duplicates, dnf, lastBroadcastAt, now, held, disqualified, overrides);
    }

    /** The history holding one more read until the registration comes. */
    AthleteHistory withHeld(final Held read) {
        final List<Held> more = new ArrayList<>(held);
        more.add(read);
        return new AthleteHistory(athlete, splits, duplicates, dnf, lastBroadcastAt, standing, more, disqualified, overrides);
    }

    /** The history with no read held any more. */
    AthleteHistory withoutHeld() {
        return new AthleteHistory(athlete, splits, duplicates, dnf, lastBroadcastAt, standing, List.of(), disqualified, overrides);
    }

    /** Nothing worth keeping: no registration, no split, no held read. */
    boolean isEmpty() {
        return athlete == null && splits.isEmpty() && held.isEmpty();
    }

    /** The splits up to and including the given one. */
    List<SplitEvent> upTo(final SplitEvent split) {
        return splits.subList(0, splits.indexOf(split) + 1);
    }

    public SplitEvent latest() {
        return splits.get(splits.size() - 1);
    }
}
