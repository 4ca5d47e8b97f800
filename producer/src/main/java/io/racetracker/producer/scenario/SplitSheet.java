package io.racetracker.producer.scenario;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.event.TimingPoint;
import io.racetracker.core.race.RaceTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** One athlete's chip times by crossing, turned into mat reads. */
final class SplitSheet {
    private SplitSheet() {
    }

    /** {@code {"5K", "14:10"}, {"LOOP#1", "10:44"}, ...} into crossing id to elapsed ms, in the order given. */
    static Map<String, Long> parse(final String[][] table) {
        final Map<String, Long> times = new LinkedHashMap<>();
        for (final String[] row : table) {
            times.put(row[0], RaceTime.parse(row[1]));
        }
        return times;
    }

    /** Reads of the given crossings; {@code startedAt} is when the athlete crossed the start line. */
    static List<SplitEvent> reads(final Course course, final Athlete athlete, final Instant startedAt,
                                  final Map<String, Long> elapsedByCrossing) {
        final List<SplitEvent> reads = new ArrayList<>();
        elapsedByCrossing.forEach((crossing, elapsedMs) -> {
            final TimingPoint point = course.timingPoints().stream().filter(p -> p.crossingId().equals(crossing))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(course.raceId() + " has no crossing "
                            + crossing));
            reads.add(new SplitEvent(course.raceId(), athlete.athleteId(), athlete.bib(), point.id(), point.distanceM(),
                    point.lap(), elapsedMs, startedAt.plusMillis(elapsedMs)));
        });
        return reads;
    }

    /**
     * Chip times at every crossing of the course: the known ones exactly, the others between their known neighbours
     * at the pace of that stretch, varied by at most {@code variation} (e.g. 0.01 = 1%) of the time to the nearer
     * known neighbour, so the pace changes a little from mat to mat but never jumps.
     */
    static Map<String, Long> fill(final Course course, final Map<String, Long> known, final double variation,
                                  final long seed) {
        final NavigableMap<Double, Long> anchors = new TreeMap<>();
        anchors.put(0.0, 0L);
        for (final TimingPoint point : course.timingPoints()) {
            final Long t = known.get(point.crossingId());
            if (t != null) {
                anchors.put(point.distanceM(), t);
            }
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final Map<String, Long> all = new LinkedHashMap<>();
        long previous = 0;
        for (final TimingPoint point : course.timingPoints()) {
            final Long exact = known.get(point.crossingId());
            if (exact != null) {
                all.put(point.crossingId(), exact);
                previous = exact;
                continue;
            }
            final Map.Entry<Double, Long> before = anchors.floorEntry(point.distanceM());
            final Map.Entry<Double, Long> after = anchors.ceilingEntry(point.distanceM());
            if (after == null) {
                break; // beyond the athlete's last known time: not crossed
            }
            final double share = (point.distanceM() - before.getKey()) / (after.getKey() - before.getKey());
            final long linear = before.getValue() + Math.round((after.getValue() - before.getValue()) * share);
            final long room = Math.min(linear - before.getValue(), after.getValue() - linear);
            final long varied = linear + Math.round((random.nextDouble() * 2 - 1) * variation * room);
            final long t = Math.max(varied, previous + 1000);
            all.put(point.crossingId(), t);
            previous = t;
        }
        return all;
    }
}
