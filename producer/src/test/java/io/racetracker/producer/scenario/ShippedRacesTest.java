package io.racetracker.producer.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.racetracker.core.event.Course;
import io.racetracker.core.event.Units;
import io.racetracker.core.race.Courses;
import io.racetracker.core.race.RaceTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seed races come from race files shipped with the project: each file gives exactly the course the scenario had
 * when it was written in code (the timing points of its laps, its gun time, target and record), in its own time zone.
 */
class ShippedRacesTest {

    @Test
    void viennasRaceFileHasTheLeadInAndBothLapMatsOfTheLoop() {
        final double firstLap = Vienna2019.LEAD_IN_M + Vienna2019.FINISH_ON_LOOP_M;
        assertSameCourse(new Course(Vienna2019.RACE_ID, "INEOS 1:59 Challenge, Vienna", Courses.MARATHON_M,
                Vienna2019.LOOP_M, Vienna2019.START, Course.SUB_TWO_HOURS_MS, LapCourse.marathonWith(List.of(
                        LapCourse.loopMat("LOOP", "Lap line", firstLap, Vienna2019.LOOP_M, Courses.MARATHON_M),
                        LapCourse.loopMat("TURN", "Lusthaus turn", firstLap + Vienna2019.LOOP_M / 2, Vienna2019.LOOP_M,
                                Courses.MARATHON_M)))), Vienna2019.course(), "Europe/Vienna");
    }

    @Test
    void monzasRaceFileHasItsEighteenLapCrossings() {
        assertSameCourse(new Course(Monza2017.RACE_ID, "Breaking2, Monza", Courses.MARATHON_M, Monza2017.LAP_M,
                Monza2017.START, Course.SUB_TWO_HOURS_MS, LapCourse.marathonWith(List.of(LapCourse.loopMat("LAP", "Lap",
                        Monza2017.FIRST_LAP_LINE_M, Monza2017.LAP_M, Courses.MARATHON_M)))), Monza2017.course(), "Europe/Rome");
        assertEquals(18, Monza2017.course().timingPoints().stream().filter(p -> p.id().equals("LAP")).count());
    }

    @Test
    void londonsRaceFileChasesTheCourseRecordFromTheWomensStart() {
        assertSameCourse(Courses.marathon(London2023.RACE_ID, "London Marathon 2023", London2023.WOMEN_START,
                        London2023.MEN_COURSE_RECORD_MS).withCourseRecord(London2023.MEN_COURSE_RECORD_MS),
                London2023.course(), "Europe/London");
    }

    @Test
    void theMassRaceFileIsAStandardMarathon() {
        assertSameCourse(Courses.marathon(MassRace.RACE_ID, "Mass marathon", MassRace.START, RaceTime.parse("4:00:00")),
                MassRace.scenario(10, 1).course(), "UTC");
    }

    private static void assertSameCourse(final Course expected, final Course shipped, final String zone) {
        assertEquals(expected.withLocale(zone, Units.KM, List.of()), shipped);
    }
}
