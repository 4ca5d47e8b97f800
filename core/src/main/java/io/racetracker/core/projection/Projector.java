package io.racetracker.core.projection;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.event.TimingPoint;
import io.racetracker.core.model.FinishForecast;
import io.racetracker.core.model.FinishTimeModel;
import io.racetracker.core.model.RunnerProfile;
import io.racetracker.core.model.Split;
import io.racetracker.core.nowcast.Conditions;
import io.racetracker.core.race.RaceTime;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns an athlete's accepted splits into an {@link AthleteProjection}: paces, the model's forecast, the gap to
 * the target schedule and the ETA at the next mat. Pure and thread-safe; the streams app and the backtest both
 * call it, so what is tested here is what runs live.
 */
public final class Projector {
    /** The chance as shown, {@code 0%} to {@code 100%}: made once, not for every projection. */
    private static final String[] PERCENTS = new String[101];

    static {
        for (int i = 0; i < PERCENTS.length; i++) {
            PERCENTS[i] = i + "%";
        }
    }

    private final FinishTimeModel model;

    public Projector(final FinishTimeModel model) {
        this.model = model;
    }

    /**
     * @param history the athlete's accepted splits in increasing distance, ending with {@code latest}
     * @param latest  the split to project from (its course crossing already resolved)
     */
    public AthleteProjection project(final Course course, final Athlete athlete, final List<SplitEvent> history,
                                     final SplitEvent latest) {
        return project(course, athlete, history, latest, null);
    }

    /**
     * As {@link #project(Course, Athlete, List, SplitEvent)}, with the model's forecast corrected for the day as
     * the field ahead has shown it ({@link Conditions#correct}) before the finish, band, P(target) and ETA are taken
     * from it. On a course the model was not fitted on, the band first carries what such a course adds
     * ({@link FinishTimeModel#courseBandScale}), and the field ahead takes it off as it shows the course.
     *
     * @param conditions the race's conditions, or null for the fixed model alone
     */
    public AthleteProjection project(final Course course, final Athlete athlete, final List<SplitEvent> history,
                                     final SplitEvent latest, final Conditions conditions) {
        return project(course, athlete, history, latest, conditions, fixedForecast(course, athlete, history, latest));
    }

    /**
     * As {@link #project(Course, Athlete, List, SplitEvent, Conditions)}, from the fixed model's forecast already made
     * for these splits ({@link #fixedForecast} of the same arguments), for a caller that needs it too.
     */
    public AthleteProjection project(final Course course, final Athlete athlete, final List<SplitEvent> history,
                                     final SplitEvent latest, final Conditions conditions, final FinishForecast fixed) {
        final boolean finished = finished(course, latest);
        final double courseScale = finished ? 1 : model.courseBandScale(course.raceId(), latest.distanceM());
        final FinishForecast forecast = finished ? fixed
                : conditions == null ? fixed.withSpreadScaled(courseScale)
                : conditions.correct(fixed, matIndex(conditions, latest.distanceM()), course.distanceM(), courseScale);

        final int index = history.indexOf(latest);
        final SplitEvent previous = index > 0 ? history.get(index - 1) : null;
        final double segmentM = latest.distanceM() - (previous == null ? 0 : previous.distanceM());
        final long segmentMs = latest.elapsedMs() - (previous == null ? 0 : previous.elapsedMs());
        final double segmentPace = RaceTime.secondsPerKm(segmentMs, segmentM);
        final double averagePace = RaceTime.secondsPerKm(latest.elapsedMs(), latest.distanceM());

        final long targetMs = athlete.targetMs() != null ? athlete.targetMs() : course.defaultTargetMs();
        final long scheduleMs = Math.round(targetMs * latest.distanceM() / course.distanceM());
        final long aheadMs = scheduleMs - latest.elapsedMs();
        final double pTarget = forecast.probabilityUnder(targetMs);
        final long p10 = finished ? forecast.projectedFinishMs() : forecast.quantileMs(0.10);
        final long p90 = finished ? forecast.projectedFinishMs() : forecast.quantileMs(0.90);

        final Optional<TimingPoint> next = finished ? Optional.empty() : course.nextAfter(latest.distanceM());
        final Long etaNext = next.map(point -> eta(latest, forecast, course, point)).orElse(null);

        final AthleteProjection.Display display = new AthleteProjection.Display(
                RaceTime.hms(latest.elapsedMs()),
                RaceTime.pace(averagePace, course.units()),
                RaceTime.pace(segmentPace, course.units()),
                RaceTime.hms(forecast.projectedFinishMs()),
                RaceTime.hms(p10) + " - " + RaceTime.hms(p90),
                RaceTime.target(targetMs),
                percent(pTarget),
                RaceTime.margin(aheadMs),
                RaceTime.distance(latest.distanceM(), course.units()),
                RaceTime.timeOfDay(latest.readAt(), course.zone()));

        return new AthleteProjection(course.raceId(), athlete.athleteId(), athlete.bib(), athlete.name(),
                athlete.category(), athlete.pacemaker(), latest.timingPointId(), latest.lap(), latest.distanceM(), latest.elapsedMs(),
                latest.readAt(), round1(segmentPace), round1(averagePace), forecast.projectedFinishMs(), p10, p90,
                targetMs, Math.round(pTarget * 10_000) / 10_000.0, aheadMs,
                next.map(TimingPoint::id).orElse(null), next.map(TimingPoint::distanceM).orElse(null), etaNext,
                finished ? AthleteStatus.FINISHED : AthleteStatus.ON_COURSE, index + 1, 0, display);
    }

    /**
     * The fixed model's forecast from the splits up to {@code latest} ({@code history} ends with it), uncorrected:
     * at the finish, the finish time itself. What the day's revisions are measured on ({@code DayEffect#revision}).
     */
    public FinishForecast fixedForecast(final Course course, final Athlete athlete, final List<SplitEvent> history,
                                        final SplitEvent latest) {
        if (finished(course, latest)) {
            return FinishForecast.finished(latest.elapsedMs());
        }
        return model.forecast(modelSplits(history), course.distanceM(), new RunnerProfile(athlete.sex(), athlete.age()));
    }

    /**
     * {@link FinishForecast#projectedFinishMs()} of {@link #fixedForecast} with the same arguments, without the band
     * that forecast carries: for a caller that compares projected finishes only.
     */
    public long fixedProjectedFinishMs(final Course course, final Athlete athlete, final List<SplitEvent> history,
                                       final SplitEvent latest) {
        if (finished(course, latest)) {
            return latest.elapsedMs();
        }
        return model.projectedFinishMs(modelSplits(history), course.distanceM(), new RunnerProfile(athlete.sex(), athlete.age()));
    }

    /**
     * The history's splits as the model takes them: those with a distance and a time above 0. When every split has
     * both (as nearly always), a view that makes each {@link Split} as it is read, for a forecast reads the last two or
     * three of them; otherwise a copy of those that do.
     */
    static List<Split> modelSplits(final List<SplitEvent> history) {
        final int size = history.size();
        for (int i = 0; i < size; i++) {
            final SplitEvent s = history.get(i);
            if (!(s.distanceM() > 0 && s.elapsedMs() > 0)) {
                final List<Split> splits = new ArrayList<>(size);
                for (final SplitEvent split : history) {
                    if (split.distanceM() > 0 && split.elapsedMs() > 0) {
                        splits.add(new Split(split.distanceM(), split.elapsedMs()));
                    }
                }
                return splits;
            }
        }
        return new AbstractList<>() {
            @Override
            public Split get(final int index) {
                final SplitEvent s = history.get(index);
                return new Split(s.distanceM(), s.elapsedMs());
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private static boolean finished(final Course course, final SplitEvent latest) {
        return latest.distanceM() >= course.distanceM() - 0.5;
    }

    /** The index of the conditions' mat at this distance (within half a metre), or -1: then nothing is corrected. */
    private static int matIndex(final Conditions conditions, final double distanceM) {
        final double[] mats = conditions.matsM();
        for (int i = 0; i < mats.length; i++) {
            if (Math.abs(mats[i] - distanceM) < 0.5) {
                return i;
            }
        }
        return -1;
    }

    /** Chip time at the next mat, at the pace the forecast expects over the rest of the course. */
    private static long eta(final SplitEvent latest, final FinishForecast forecast, final Course course,
                            final TimingPoint next) {
        final double remainingM = course.distanceM() - latest.distanceM();
        final double msPerM = forecast.medianRemainingMs() / remainingM;
        return latest.elapsedMs() + Math.round((next.distanceM() - latest.distanceM()) * msPerM);
    }

    /** A probability as a whole percentage, {@code 87%}. */
    private static String percent(final double probability) {
        final long rounded = Math.round(probability * 100);
        return rounded >= 0 && rounded < PERCENTS.length ? PERCENTS[(int) rounded] : rounded + "%";
    }

    private static double round1(final double value) {
        return Double.isFinite(value) ? Math.round(value * 10) / 10.0 : 0;
    }
}
