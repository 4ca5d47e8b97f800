package io.racetracker.streams;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * When each athlete on course is due to be given up as did-not-finish, and each race's clock. A race's clock is
 * the latest read time seen in it, run forward in real time since: live it is the race's own time, and in a fast
 * replay it jumps with the reads. In memory; rebuilt from the {@code athlete-splits} store when a task starts.
 */
final class SilenceWatch {
    private record Clock(long raceMs, long wallMs) {
    }

    private final Map<String, Clock> clocks = new HashMap<>();
    private final Map<String, TreeMap<Long, List<String>>> deadlines = new HashMap<>();
    private final Map<String, Long> deadlineOf = new HashMap<>();
    private final Map<String, String> raceOf = new HashMap<>();

    void observe(final String raceId, final Instant readAt, final long wallMs) {
        final Clock clock = clocks.get(raceId);
        if (clock == null || readAt.toEpochMilli() > clock.raceMs() + (wallMs - clock.wallMs())) {
            clocks.put(raceId, new Clock(readAt.toEpochMilli(), wallMs));
        }
    }

    void watch(final String athleteId, final String raceId, final long deadlineMs) {
        forget(athleteId);
        deadlines.computeIfAbsent(raceId, r -> new TreeMap<>()).computeIfAbsent(deadlineMs, d -> new ArrayList<>(1))
                .add(athleteId);
        deadlineOf.put(athleteId, deadlineMs);
        raceOf.put(athleteId, raceId);
    }

    void forget(final String athleteId) {
        final Long deadline = deadlineOf.remove(athleteId);
        final String raceId = raceOf.remove(athleteId);
        if (deadline == null) {
            return;
        }
        final TreeMap<Long, List<String>> race = deadlines.get(raceId);
        final List<String> due = race.get(deadline);
        due.remove(athleteId);
        if (due.isEmpty()) {
            race.remove(deadline);
        }
    }

    /** Removes and returns the athletes whose deadline has passed on their race's clock. */
    List<String> overdue(final long wallMs) {
        final List<String> overdue = new ArrayList<>();
        for (final Map.Entry<String, TreeMap<Long, List<String>>> race : deadlines.entrySet()) {
            final Clock clock = clocks.get(race.getKey());
            if (clock == null) {
                continue;
            }
            final long now = clock.raceMs() + Math.max(0, wallMs - clock.wallMs());
            final Iterator<Map.Entry<Long, List<String>>> due = race.getValue().headMap(now).entrySet().iterator();
            while (due.hasNext()) {
                final List<String> athletes = due.next().getValue();
                overdue.addAll(athletes);
                athletes.forEach(a -> {
                    deadlineOf.remove(a);
                    raceOf.remove(a);
                });
                due.remove();
            }
        }
        return overdue;
    }
}
