package io.racetracker.producer.scenario;

import io.racetracker.core.event.TimingPoint;
import io.racetracker.core.race.Courses;
import java.util.ArrayList;
import java.util.List;

/**
 * Timing points of a course run on a loop. A mat on the loop is crossed once per lap: it appears once per crossing,
 * with the same id, its lap number (1 for the first crossing) and the distance from the start at that crossing.
 */
public final class LapCourse {
    private LapCourse() {
    }

    /**
     * Every crossing of one loop mat.
     *
     * @param id          mat id, e.g. {@code LOOP}
     * @param label       what a person reads before the lap number, e.g. {@code Lap line}
     * @param firstM      distance from the start of its first crossing
     * @param lapLengthM  loop length
     * @param courseM     course distance: crossings stop before the finish
     */
    public static List<TimingPoint> loopMat(final String id, final String label, final double firstM,
                                            final double lapLengthM, final double courseM) {
        final List<TimingPoint> points = new ArrayList<>();
        int lap = 1;
        for (double d = firstM; d < courseM - 0.5; d += lapLengthM, lap++) {
            points.add(new TimingPoint(id, label + " " + lap, d, lap));
        }
        return points;
    }

    /** The standard marathon splits (5 km ... 40 km, half, finish) plus the given loop mats. */
    public static List<TimingPoint> marathonWith(final List<List<TimingPoint>> loopMats) {
        final List<TimingPoint> points = new ArrayList<>(Courses.marathonSplits());
        loopMats.forEach(points::addAll);
        return points;
    }
}
