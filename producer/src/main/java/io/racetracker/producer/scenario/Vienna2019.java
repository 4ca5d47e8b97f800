package io.racetracker.producer.scenario;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.Sex;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.event.TimingPoint;
import io.racetracker.core.race.Courses;
import io.racetracker.producer.wire.WireFaults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The INEOS 1:59 Challenge, Vienna, 12 October 2019: Eliud Kipchoge's published 5 km splits, half and finish
 * (1:59:40.2), exactly as timed, on the Prater course with its lap mats, and four rotating groups of seven
 * pacemakers.
 *
 * <p>The course: a 1.2 km lead-in, then a 9.6 km loop on the Hauptallee. The finish line lies 2.595 km into the loop,
 * so the loop's lap mat ({@code LOOP}, on the finish line) is crossed four times before the finish, at 3.795, 13.395,
 * 22.995 and 32.595 km (laps 1-4), and the mat at the far roundabout ({@code TURN}) half a loop later, at 8.595,
 * 18.195, 27.795 and 37.395 km (laps 1-4). No lap mat shares its place with a split mat. Kipchoge's times at the lap
 * mats follow the pace of the stretch they lie on, varied by at most 1% of the time to the nearer split.
 */
public final class Vienna2019 {
    public static final String RACE_ID = "vienna-2019";
    public static final Instant START = Instant.parse("2019-10-12T06:15:00Z");
    public static final double LEAD_IN_M = 1_200;
    public static final double LOOP_M = 9_600;
    /** Where on the loop the finish line (and the lap mat) lies. */
    public static final double FINISH_ON_LOOP_M = Courses.MARATHON_M - LEAD_IN_M - 4 * LOOP_M;

    /** Kipchoge's cumulative chip times at 5, 10, ... 40 km, half and finish. */
    static final String[][] KIPCHOGE_SPLITS = {
        {"5K", "14:10"}, {"10K", "28:20"}, {"15K", "42:34"}, {"20K", "56:47"}, {"HALF", "59:35"},
        {"25K", "1:10:59"}, {"30K", "1:25:11"}, {"35K", "1:39:23"}, {"40K", "1:53:36"}, {"FINISH", "1:59:40.2"},
    };

    /** Pace groups: where each joins and where it steps off (the last one before the final 500 m). */
    private static final String[][] PACE_STINTS = {
        {null, "LOOP#2"}, {"LOOP#2", "LOOP#3"}, {"LOOP#3", "LOOP#4"}, {"LOOP#4", "40K"},
    };
    private static final int PACERS_PER_GROUP = 7;

    private Vienna2019() {
    }

    /** The course, from its race file ({@code races/vienna-2019.yaml}). */
    public static Course course() {
        return ShippedRaces.course(RACE_ID);
    }

    public static Athlete kipchoge() {
        return new Athlete("eliud-kipchoge", RACE_ID, "1", "Eliud Kipchoge", "KEN", Sex.M, "ELITE-M", 34,
                Course.SUB_TWO_HOURS_MS, false);
    }

    /** Kipchoge's chip time at every crossing: exact at the published splits. */
    public static Map<String, Long> kipchogeTimes() {
        return SplitSheet.fill(course(), SplitSheet.parse(KIPCHOGE_SPLITS), 0.01, 2019);
    }

    public static Scenario scenario() {
        final Course course = course();
        final Athlete kipchoge = kipchoge();
        final Map<String, Long> times = kipchogeTimes();
        final List<Athlete> athletes = new ArrayList<>(List.of(kipchoge));
        final List<SplitEvent> reads = new ArrayList<>(SplitSheet.reads(course, kipchoge, START, times));
        for (int group = 0; group < PACE_STINTS.length; group++) {
            final double from = PACE_STINTS[group][0] == null ? 0 : distance(course, PACE_STINTS[group][0]);
            final double to = distance(course, PACE_STINTS[group][1]);
            for (int i = 0; i < PACERS_PER_GROUP; i++) {
                final Athlete pacer = new Athlete(String.format("pacer-%d%c", group + 1, 'a' + i), RACE_ID,
                        String.format("%d%d", group + 2, i + 1), String.format("Pacemaker %d%c", group + 1, 'A' + i),
                        null, Sex.M, "PACE", null, null, true);
                athletes.add(pacer);
                // in formation around him: the front runners cross a mat up to a second before him, the rear after
                final long offsetMs = (i - PACERS_PER_GROUP / 2) * 250L;
                final Map<String, Long> stint = new LinkedHashMap<>();
                for (final TimingPoint point : course.timingPoints()) {
                    if (point.distanceM() >= from && point.distanceM() <= to) {
                        stint.put(point.crossingId(), times.get(point.crossingId()) + offsetMs);
                    }
                }
                reads.addAll(SplitSheet.reads(course, pacer, START, stint));
            }
        }
        return Scenario.of(RACE_ID, course, athletes, reads, WireFaults.NONE);
    }

    private static double distance(final Course course, final String crossingId) {
        return course.timingPoints().stream().filter(p -> p.crossingId().equals(crossingId)).findFirst()
                .orElseThrow().distanceM();
    }
}
