package io.racetracker.streams.athlete;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * When each athlete on course (by athlete key, {@code raceId/athleteId}) is due to be given up as did-not-finish, and
 * each race's clock. A race's clock is the latest read time seen in it, run forward in real time since: live it is the
 * race's own time, and in a fast replay it jumps with the reads. Only reads whose time of day agrees with their chip
 * time are shown to it ({@link AthleteTracker#clockAgrees}): one mat with a wrong clock must not make the field
 * overdue. In memory; rebuilt from the {@code athlete-splits} store when a task starts.
 */
final class SilenceWatch {
    private record Clock(long raceMs, long wallMs) {
    }

    /** A deadline as it was set; it still holds only while {@link #deadlineOf} has this very instance. */
    private record Deadline(long atMs, String athleteKey) {
    }

    private static final Comparator<Deadline> EARLIEST = Comparator.comparingLong(Deadline::atMs);

    private final Map<String, Clock> clocks = new HashMap<>();
    private final Map<String, PriorityQueue<Deadline>> deadlines = new HashMap<>();
    private final Map<String, Deadline> deadlineOf = new HashMap<>();
    private int superseded;

    void observe(final String raceId, final Instant readAt, final long wallMs) {
        final Clock clock = clocks.get(raceId);
        if (clock == null || readAt.toEpochMilli() > clock.raceMs() + (wallMs - clock.wallMs())) {
            clocks.put(raceId, new Clock(readAt.toEpochMilli(), wallMs));
        }
    }

    /**
     * Sets (or moves) the athlete's deadline. A moved deadline leaves its old entry in the queue, skipped when it
     * comes due: cheaper than removing it on every read. The queues are compacted when such entries outnumber the
     * athletes watched.
     */
    void watch(final String athleteKey, final String raceId, final long deadlineMs) {
        final Deadline deadline = new Deadline(deadlineMs, athleteKey);
        if (deadlineOf.put(athleteKey, deadline) != null) {
            superseded++;
        }
        deadlines.computeIfAbsent(raceId, r -> new PriorityQueue<>(EARLIEST)).add(deadline);
        if (superseded > Math.max(1_024, deadlineOf.size())) {
            compact();
        }
    }

    void forget(final String athleteKey) {
        if (deadlineOf.remove(athleteKey) != null) {
            superseded++;
        }
    }

    /** Removes and returns the keys of the athletes whose deadline has passed on their race's clock. */
    List<String> overdue(final long wallMs) {
        final List<String> overdue = new ArrayList<>();
        for (final Map.Entry<String, PriorityQueue<Deadline>> race : deadlines.entrySet()) {
            final Clock clock = clocks.get(race.getKey());
            if (clock == null) {
                continue;
            }
            final long now = clock.raceMs() + Math.max(0, wallMs - clock.wallMs());
            final PriorityQueue<Deadline> queue = race.getValue();
            while (!queue.isEmpty() && queue.peek().atMs() < now) {
                final Deadline due = queue.poll();
                if (holds(due)) {
                    deadlineOf.remove(due.athleteKey());
                    overdue.add(due.athleteKey());
                } else {
                    superseded--;
                }
            }
        }
        return overdue;
    }

    private boolean holds(final Deadline deadline) {
        return deadlineOf.get(deadline.athleteKey()) == deadline;
    }

    private void compact() {
        for (final PriorityQueue<Deadline> queue : deadlines.values()) {
            queue.removeIf(d -> !holds(d));
        }
        superseded = 0;
    }
}
