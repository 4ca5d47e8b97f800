package io.racetracker.streams.athlete;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When each athlete on course (by athlete key, {@code raceId/athleteId}) is due to be given up as did-not-finish, and
 * each race's clock. A race's clock is the latest read time seen in it, run forward in real time since: live it is the
 * race's own time, and in a fast replay it jumps with the reads. Only reads whose time of day agrees with their chip
 * time are shown to it ({@link AthleteTracker#clockAgrees}): one mat with a wrong clock must not make the field
 * overdue. In memory; rebuilt from the {@code athlete-splits} store when a task starts.
 *
 * <p>Every accepted read moves its athlete's deadline, and the deadlines are looked through only at each check
 * (every few seconds of wall-clock time): so a deadline is changed in place, one map lookup per read, and a check
 * goes through them all, rather than keeping them ordered on every read for the sake of a check.
 */
final class SilenceWatch {
    /** A race's latest read time and the wall-clock time it was seen at; moved in place as reads come. */
    private static final class Clock {
        private long raceMs;
        private long wallMs;

        Clock(final long raceMs, final long wallMs) {
            this.raceMs = raceMs;
            this.wallMs = wallMs;
        }
    }

    /** An athlete's deadline on their race's clock; changed in place as their reads come. */
    private static final class Deadline {
        private long atMs;
        private String raceId;
    }

    /** A deadline that has passed: given up earliest first, athletes due at the same moment by key. */
    private record Due(String athleteKey, long atMs) {
    }

    private static final Comparator<Due> EARLIEST = Comparator.comparingLong(Due::atMs).thenComparing(Due::athleteKey);
    private static final long NO_CLOCK = Long.MIN_VALUE;

    private final Map<String, Clock> clocks = new HashMap<>();
    private final Map<String, Deadline> deadlines = new HashMap<>();

    void observe(final String raceId, final Instant readAt, final long wallMs) {
        final Clock clock = clocks.get(raceId);
        if (clock == null) {
            clocks.put(raceId, new Clock(readAt.toEpochMilli(), wallMs));
        } else if (readAt.toEpochMilli() > clock.raceMs + (wallMs - clock.wallMs)) {
            clock.raceMs = readAt.toEpochMilli();
            clock.wallMs = wallMs;
        }
    }

    /** Sets (or moves) the athlete's deadline. */
    void watch(final String athleteKey, final String raceId, final long deadlineMs) {
        Deadline deadline = deadlines.get(athleteKey);
        if (deadline == null) {
            deadline = new Deadline();
            deadlines.put(athleteKey, deadline);
        }
        deadline.atMs = deadlineMs;
        if (!raceId.equals(deadline.raceId)) {
            // written only when it changes: a reference written into an old deadline is a card to scan at the next
            // young collection, at every read (docs/performance.md, "Values rewritten in place")
            deadline.raceId = raceId;
        }
    }

    void forget(final String athleteKey) {
        deadlines.remove(athleteKey);
    }

    /** Removes and returns the keys of the athletes whose deadline has passed on their race's clock, earliest first. */
    List<String> overdue(final long wallMs) {
        final Map<String, Long> now = new HashMap<>();
        final List<Due> due = new ArrayList<>();
        for (final Map.Entry<String, Deadline> entry : deadlines.entrySet()) {
            final Deadline deadline = entry.getValue();
            final long raceNow = now.computeIfAbsent(deadline.raceId, race -> {
                final Clock clock = clocks.get(race);
                return clock == null ? NO_CLOCK : clock.raceMs + Math.max(0, wallMs - clock.wallMs);
            });
            if (raceNow != NO_CLOCK && deadline.atMs < raceNow) {
                due.add(new Due(entry.getKey(), deadline.atMs));
            }
        }
        due.sort(EARLIEST);
        final List<String> overdue = new ArrayList<>(due.size());
        for (final Due athlete : due) {
            deadlines.remove(athlete.athleteKey());
            overdue.add(athlete.athleteKey());
        }
        return overdue;
    }
}
