package io.racetracker.producer.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Course;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.event.TimingPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What every scenario's reads must satisfy for the tracker to accept them all. */
final class ReadChecks {
    /** The tracker's own limit: no one runs a kilometre faster than this between two mats. */
    static final double FASTEST_SEC_PER_KM = 140.0;

    private ReadChecks() {
    }

    static void assertAcceptable(final Scenario scenario) {
        final Course course = scenario.course();
        final Set<String> registered = new HashSet<>();
        scenario.athletes().forEach(a -> assertTrue(registered.add(a.athleteId()), "registered twice: " + a.athleteId()));
        final Map<String, List<SplitEvent>> byAthlete = new HashMap<>();
        final Set<String> crossings = new HashSet<>();
        Instant previous = Instant.MIN;
        long count = 0;
        for (final SplitEvent read : scenario) {
            count++;
            assertFalse(read.readAt().isBefore(previous), "reads out of readAt order at " + read);
            previous = read.readAt();
            assertEquals(course.raceId(), read.raceId());
            assertTrue(registered.contains(read.athleteId()), "read of an unregistered athlete: " + read);
            final TimingPoint point = course.crossing(read.timingPointId(), read.lap()).orElseThrow(() ->
                    new AssertionError("no such crossing on the course: " + read.crossingId()));
            assertEquals(point.distanceM(), read.distanceM(), 0.001);
            assertTrue(crossings.add(read.athleteId() + "/" + read.crossingId()), "crossing read twice: " + read);
            byAthlete.computeIfAbsent(read.athleteId(), k -> new ArrayList<>()).add(read);
        }
        assertEquals(scenario.readCount(), count, "readCount");
        long finishers = 0;
        for (final List<SplitEvent> reads : byAthlete.values()) {
            reads.sort(Comparator.comparingDouble(SplitEvent::distanceM));
            double metres = 0;
            long millis = 0;
            for (final SplitEvent read : reads) {
                assertTrue(read.elapsedMs() > millis, "time must advance with distance: " + read);
                final double secPerKm = (read.elapsedMs() - millis) / 1000.0 / ((read.distanceM() - metres) / 1000.0);
                assertTrue(millis == 0 && metres == 0 || secPerKm >= FASTEST_SEC_PER_KM,
                        "impossible pace " + secPerKm + " s/km before " + read);
                metres = read.distanceM();
                millis = read.elapsedMs();
            }
            finishers += metres >= course.distanceM() - 0.5 ? 1 : 0;
        }
        assertEquals(scenario.finishers(), finishers, "finishers");
    }

    /** Chip time of one athlete at one crossing. */
    static long elapsed(final Scenario scenario, final String athleteId, final String crossingId) {
        return scenario.stream().filter(r -> r.athleteId().equals(athleteId) && r.crossingId().equals(crossingId))
                .findFirst().orElseThrow(() -> new AssertionError(athleteId + " has no read at " + crossingId))
                .elapsedMs();
    }
}
