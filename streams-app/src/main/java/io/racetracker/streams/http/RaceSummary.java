package io.racetracker.streams.http;

import io.racetracker.core.event.Course;
import io.racetracker.core.event.Units;
import io.racetracker.core.event.Wave;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * One race as {@code GET /races} lists it: what a page needs to offer the race and show it in its own time zone and
 * units.
 *
 * @param raceId    race id
 * @param name      what a person reads
 * @param distanceM course distance in metres
 * @param units     {@code km} or {@code mi}: how distances and paces are shown
 * @param timeZone  the race's IANA time zone, in which its times of day are shown
 * @param startTime scheduled start (gun) time, null when the course has none
 * @param waves     start waves with their gun times, empty when everyone starts together
 */
public record RaceSummary(String raceId, String name, double distanceM, Units units, String timeZone, Instant startTime,
                          List<Wave> waves) {
    /** By start time (races without one last), then race id. */
    static final Comparator<RaceSummary> BY_START = Comparator.comparing(RaceSummary::startTime,
            Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(RaceSummary::raceId);

    static RaceSummary of(final Course course) {
        return new RaceSummary(course.raceId(), course.name(), course.distanceM(), course.units(), course.timeZone(),
                course.startTime(), course.waves());
    }
}
