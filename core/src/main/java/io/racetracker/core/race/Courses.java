package io.racetracker.core.race;

import io.racetracker.core.event.Course;
import io.racetracker.core.event.TimingPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builders for the course shapes the tracker meets: road marathons and lead-in-plus-loop courses. */
public final class Courses {
    public static final double MARATHON_M = 42_195.0;
    public static final double HALF_M = 21_097.5;

    private Courses() {
    }

    /** The mats every major marathon publishes: 5 km to 40 km, half and finish. */
    public static List<TimingPoint> marathonSplits() {
        final List<TimingPoint> points = new ArrayList<>();
        for (int km = 5; km <= 40; km += 5) {
            points.add(new TimingPoint(km + "K", km + " km", km * 1000.0, null));
        }
        points.add(new TimingPoint("HALF", "Half", HALF_M, null));
        points.add(new TimingPoint("FINISH", "Finish", MARATHON_M, null));
        return points;
    }

    /** A point-to-point (or single-loop) marathon with the standard splits. */
    public static Course marathon(final String raceId, final String name, final Instant start, final long defaultTargetMs) {
        return new Course(raceId, name, MARATHON_M, null, start, defaultTargetMs, marathonSplits());
    }
}
