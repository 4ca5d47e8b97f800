package io.racetracker.core.model;

import io.racetracker.core.race.Courses;
import io.racetracker.core.results.MatTime;
import io.racetracker.core.results.RunnerResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a course the model was never fitted on adds to the band. The model's centre and band are fitted on some
 * courses; on another one, the field fades as that course makes it fade (hills, turns, where the wind comes from),
 * and neither the centre nor the band knows it. Measured on the day-effect races that are on none of the fitted
 * courses: at each fitted mat, the factor on each runner's band (in log remaining time, around the projection) that
 * would just have held their finish, and the band's factor is the one that holds 80% of those runners, never below 1.
 * A projection on an unknown course carries it ({@link FittedModel#courseBandScale}) until the field ahead has shown
 * the course ({@code Conditions#correct}).
 */
public final class UnknownCourseBand {
    /** The share of runners the band should hold; the band it scales is the 80% band. */
    static final double HELD = 0.80;
    private static final double LOWER = 0.10;
    private static final double UPPER = 0.90;

    private UnknownCourseBand() {
    }

    /**
     * The parameters with each fit's {@code unknownCourseScale} measured on the races of {@code others} whose course
     * the model was not fitted on; unchanged when there are none.
     */
    public static ModelParameters fit(final ModelParameters parameters, final List<ModelFitter.Race> others) {
        final Set<String> fitted = parameters.courses();
        final List<RunnerResult> unknown = others.stream().filter(r -> !fitted.contains(r.course()))
                .flatMap(r -> r.runners().stream()).toList();
        if (unknown.isEmpty()) {
            return parameters;
        }
        final double[] scales = scales(new FittedModel(parameters), parameters.distances(), unknown);
        final List<ModelParameters.DistanceFit> fits = new ArrayList<>();
        for (int k = 0; k < scales.length; k++) {
            final ModelParameters.DistanceFit fit = parameters.distances().get(k);
            fits.add(Double.isNaN(scales[k]) ? fit : fit.withUnknownCourseScale(Statistics.round(scales[k])));
        }
        return parameters.withDistances(fits);
    }

    /** Per fit, the factor that holds {@link #HELD} of the runners' finishes (NaN where nobody was read there). */
    static double[] scales(final FinishTimeModel model, final List<ModelParameters.DistanceFit> fits,
                           final List<RunnerResult> runners) {
        final List<List<Double>> needed = new ArrayList<>();
        fits.forEach(f -> needed.add(new ArrayList<>()));
        for (final RunnerResult runner : runners) {
            final RunnerProfile profile = new RunnerProfile(runner.sex(), runner.age());
            final List<Split> splits = new ArrayList<>();
            for (final MatTime mat : runner.mats()) {
                if (!mat.read() || mat.elapsedMs() >= runner.finishMs()) {
                    continue;
                }
                splits.add(new Split(mat.distanceM(), mat.elapsedMs()));
                final int k = fitAt(fits, mat.distanceM());
                if (k >= 0) {
                    needed.get(k).add(factor(model.forecast(splits, Courses.MARATHON_M, profile), runner.finishMs()));
                }
            }
        }
        final double[] scales = new double[fits.size()];
        for (int k = 0; k < scales.length; k++) {
            final double[] sorted = needed.get(k).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            scales[k] = sorted.length == 0 ? Double.NaN : Math.max(1, Statistics.quantile(sorted, HELD));
        }
        return scales;
    }

    /** The least factor on the forecast's 80% band that holds {@code finishMs}. */
    static double factor(final FinishForecast forecast, final long finishMs) {
        final double x = Math.log((finishMs - forecast.elapsedMs()) / forecast.medianRemainingMs());
        final double lower = forecast.spread().quantile(LOWER);
        final double upper = forecast.spread().quantile(UPPER);
        return x >= 0 ? x / upper : x / lower;
    }

    private static int fitAt(final List<ModelParameters.DistanceFit> fits, final double distanceM) {
        for (int k = 0; k < fits.size(); k++) {
            if (Math.abs(fits.get(k).distanceM() - distanceM) < 1) {
                return k;
            }
        }
        return -1;
    }
}
