package io.racetracker.producer.scenario;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.Sex;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.event.TimingPoint;
import io.racetracker.core.race.Courses;
import io.racetracker.core.race.RaceTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The INEOS 1:59 Challenge, Vienna, 12 October 2019: Eliud Kipchoge's published 5 km splits, half and finish
 * (1:59:40.2), exactly as timed.
 */
public final class Vienna2019 {
    public static final String RACE_ID = "vienna-2019";
    public static final Instant START = Instant.parse("2019-10-12T06:15:00Z");

    /** Kipchoge's cumulative chip times at 5, 10, ... 40 km, half and finish. */
    private static final String[][] KIPCHOGE_SPLITS = {
        {"5K", "14:10"}, {"10K", "28:20"}, {"15K", "42:34"}, {"20K", "56:47"}, {"HALF", "59:35"},
        {"25K", "1:10:59"}, {"30K", "1:25:11"}, {"35K", "1:39:23"}, {"40K", "1:53:36"}, {"FINISH", "1:59:40.2"},
    };

    private Vienna2019() {
    }

    public static Course course() {
        return new Course(RACE_ID, "INEOS 1:59 Challenge, Vienna", Courses.MARATHON_M, null, START,
                Course.SUB_TWO_HOURS_MS, Courses.marathonSplits());
    }

    public static Athlete kipchoge() {
        return new Athlete("eliud-kipchoge", RACE_ID, "1", "Eliud Kipchoge", "KEN", Sex.M, "ELITE", 34,
                Course.SUB_TWO_HOURS_MS, false);
    }

    public static Scenario scenario() {
        final Course course = course();
        final Athlete kipchoge = kipchoge();
        final List<SplitEvent> reads = new ArrayList<>();
        for (final String[] split : KIPCHOGE_SPLITS) {
            final TimingPoint point = course.crossing(split[0], null).orElseThrow();
            final long elapsedMs = RaceTime.parse(split[1]);
            reads.add(new SplitEvent(RACE_ID, kipchoge.athleteId(), kipchoge.bib(), point.id(), point.distanceM(),
                    point.lap(), elapsedMs, START.plusMillis(elapsedMs)));
        }
        return new Scenario(RACE_ID, course, List.of(kipchoge), reads);
    }
}
