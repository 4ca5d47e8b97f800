package io.racetracker.streams.conditions;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.event.TimingPoint;
import io.racetracker.core.model.FinishForecast;
import io.racetracker.core.nowcast.DayEffect;
import io.racetracker.core.nowcast.NowcastSettings;
import io.racetracker.core.projection.Projector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One athlete task's new observations of the day, per race, since they were last sent ({@link #drain}): each
 * athlete's revision over a stretch between two consecutive mats, measured on the fixed model, as
 * {@code ClockBacktest} measures it. In memory only: after a crash, the reads processed since the last commit are
 * processed, and observed, again, while what was observed in reads committed since the last send is lost (at most
 * one interval; {@code AthleteTracker} says why no runner is counted twice).
 */
public final class DayObservations {
    private final Projector projector;
    private final NowcastSettings settings;
    private final Map<String, Race> byRace = new LinkedHashMap<>();
    /** Counts of a course version that was replaced before they were sent. */
    private final List<DayCounts> pending = new ArrayList<>();

    /** A race's count since the last drain, and the course version it was last looked up with. */
    private record Race(Course course, DayEffect day) {
    }

    public DayObservations(final Projector projector, final NowcastSettings settings) {
        this.projector = projector;
        this.settings = settings;
    }

    /**
     * Counts the athlete's revision over the stretch that ends at {@code placed}, when their accepted split before it
     * is at the course's mat just before: the fixed model's projected finish there (from the splits up to it) against
     * the one at {@code placed} (at the finish, the finish time).
     *
     * @param splits   the athlete's accepted splits, in course order, {@code placed} among them
     * @param atPlaced the fixed model's forecast at {@code placed} ({@link Projector#fixedForecast} of the splits up to
     *                 it), which the projection of the same read has made already
     */
    public void observe(final Course course, final Athlete athlete, final List<SplitEvent> splits, final SplitEvent placed,
                        final FinishForecast atPlaced) {
        final int index = splits.indexOf(placed);
        if (index < 1) {
            return;
        }
        final DayEffect day = dayOf(course);
        if (day == null) {
            return;
        }
        final SplitEvent previous = splits.get(index - 1);
        final int from = day.matAt(previous.distanceM());
        if (from < 0 || day.matAt(placed.distanceM()) != from + 1) {
            return;
        }
        // the projected finish alone: the band of the forecast at the mat before is never used here
        final long atFromMs = projector.fixedProjectedFinishMs(course, athlete, splits.subList(0, index), previous);
        final int level = settings.level(atFromMs / course.distanceM());
        day.observe(from, level, DayEffect.revision(previous.elapsedMs(), atFromMs, atPlaced.projectedFinishMs()));
    }

    /** The counts of each race observed since the last drain, and none kept: what is handed out is sent. */
    public List<DayCounts> drain() {
        final List<DayCounts> observed = new ArrayList<>(pending);
        pending.clear();
        byRace.forEach((raceId, race) -> {
            if (!race.day().isEmpty()) {
                observed.add(DayCounts.of(raceId, race.day()));
            }
        });
        byRace.clear();
        return observed;
    }

    /** The race's count, for the course as it is now; null for a course with fewer than two mats after the start. */
    private DayEffect dayOf(final Course course) {
        final Race known = byRace.get(course.raceId());
        // the global store hands out one instance per version of a course: the mats are worked out once per version
        if (known != null && known.course() == course) {
            return known.day();
        }
        final double[] mats = mats(course);
        if (known != null && Arrays.equals(known.day().matsM(), mats)) {
            byRace.put(course.raceId(), new Race(course, known.day()));
            return known.day();
        }
        // the course's mats changed since the last drain: what was counted on the old ones is sent apart
        if (known != null && !known.day().isEmpty()) {
            pending.add(DayCounts.of(course.raceId(), known.day()));
        }
        byRace.remove(course.raceId());
        if (mats.length < 2) {
            return null;
        }
        final DayEffect day = new DayEffect(mats, settings);
        byRace.put(course.raceId(), new Race(course, day));
        return day;
    }

    /** The course's mats after the start: every distinct crossing distance above 0, in increasing order. */
    static double[] mats(final Course course) {
        final double[] all = course.timingPoints().stream().mapToDouble(TimingPoint::distanceM).filter(d -> d > 0)
                .sorted().toArray();
        final double[] distinct = new double[all.length];
        int n = 0;
        for (final double d : all) {
            if (n == 0 || d - distinct[n - 1] >= 0.5) {
                distinct[n++] = d;
            }
        }
        return Arrays.copyOf(distinct, n);
    }
}
