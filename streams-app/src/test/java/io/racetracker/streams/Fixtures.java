package io.racetracker.streams;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.Sex;
import io.racetracker.core.event.TimingPoint;
import io.racetracker.core.race.Courses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Courses and athletes for topology tests. */
final class Fixtures {
    static final Instant START = Instant.parse("2023-04-23T09:00:00Z");

    private Fixtures() {
    }

    /** A marathon with the standard splits, a 2:00 default target and a 2:02:37 course record. */
    static Course marathon() {
        return Courses.marathon("test-marathon", "Test Marathon", START, Course.SUB_TWO_HOURS_MS).withCourseRecord(7_357_000L);
    }

    /** 2 km lead-in, then laps of a 10 km loop crossed at 2, 12, 22, 32 km, plus 21.1 km and the finish. */
    static Course lapCourse() {
        final List<TimingPoint> points = new ArrayList<>();
        for (int lap = 1; lap <= 4; lap++) {
            points.add(new TimingPoint("LOOP", "Lap " + lap, 2_000 + (lap - 1) * 10_000.0, lap));
        }
        points.add(new TimingPoint("HALF", "Half", Courses.HALF_M, null));
        points.add(new TimingPoint("FINISH", "Finish", Courses.MARATHON_M, null));
        return new Course("lap-race", "Lap Race", Courses.MARATHON_M, 10_000.0, START, Course.SUB_TWO_HOURS_MS, points);
    }

    static Athlete runner(final Course course, final String id, final String name, final String category) {
        return new Athlete(id, course.raceId(), id.toUpperCase(), name, "KEN", Sex.M, category, 30, null, false);
    }

    static Athlete pacemaker(final Course course, final String id, final String name) {
        return new Athlete(id, course.raceId(), id.toUpperCase(), name, "KEN", Sex.M, "ELITE-M", 28, null, true);
    }
}
