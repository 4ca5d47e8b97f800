package io.racetracker.producer.scenario;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.SplitEvent;
import java.util.List;

/**
 * A race staged on the wire: its course, its athletes, and every mat read in the order the mats would send them.
 *
 * @param name     scenario name, e.g. {@code vienna-2019}
 * @param course   the course, published to {@code race-courses}
 * @param athletes registrations, published to {@code race-athletes} before any read
 * @param reads    mat reads ordered by {@link SplitEvent#readAt()}
 */
public record Scenario(String name, Course course, List<Athlete> athletes, List<SplitEvent> reads) {
    public Scenario {
        athletes = List.copyOf(athletes);
        reads = List.copyOf(reads);
    }

    /** Athletes expected to cross the finish mat: every athlete with a read at the course distance. */
    public long finishers() {
        return reads.stream()
                .filter(r -> r.distanceM() >= course.distanceM() - 0.5)
                .map(SplitEvent::athleteId)
                .distinct()
                .count();
    }
}
