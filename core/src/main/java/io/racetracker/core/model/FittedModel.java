package io.racetracker.core.model;

import io.racetracker.core.json.Json;
import io.racetracker.core.results.RaceNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The finish-time model fitted on real results ({@link ModelFitter}).
 *
 * <p>At each fitted split distance a linear regression predicts the fade ratio, {@code log(remaining time /
 * even-pace remaining time)}, from the pace level, the latest segment's pace against the average, sex and age
 * ({@link Features}). The uncertainty is the empirical distribution of that regression's residuals, kept per
 * distance and per pace-level bin, so the band narrows as the distance runs out and is as wide (and as skewed) as
 * the data say for runners of that pace; within the bin it is scaled by the runner's factor
 * ({@link ModelParameters.RunnerScale}: sex, age and how the latest segment went). Between fitted distances (laps,
 * unusual mats) predictions and residual quantiles are interpolated linearly; between pace bins, too. A prediction is a few dozen multiplications and one
 * small array: microseconds.
 */
public final class FittedModel implements FinishTimeModel {
    /** The committed resource the live model loads. */
    public static final String RESOURCE = "/io/racetracker/core/model/finish-model.json";

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private final ModelParameters parameters;
    private final ModelParameters.DistanceFit[] fits;
    private final double[] distances;
    private final double[] z;
    private final int medianIndex;
    /** Per fit and pace bin, the share of the band's variance that is the race-day component. */
    private final double[][] raceDayShare;
    /** The courses the centre was fitted on: on any other, the band carries {@link #courseBandScale}. */
    private final Set<String> courses;
    /** Per race id met, whether its course is one of {@link #courses}: asked on every projection. */
    private final Map<String, Boolean> knownCourse = new ConcurrentHashMap<>();

    public FittedModel(final ModelParameters parameters) {
        this.parameters = parameters;
        final List<ModelParameters.DistanceFit> list = parameters.distances();
        if (list.isEmpty()) {
            throw new IllegalArgumentException("the model has no fitted distances");
        }
        this.fits = list.toArray(ModelParameters.DistanceFit[]::new);
        this.distances = new double[fits.length];
        for (int i = 0; i < fits.length; i++) {
            distances[i] = fits[i].distanceM();
            final int expected = fits[i].binCentres().length + Features.EXTRA;
            if (fits[i].coefficients().length != expected || fits[i].quantiles().length != fits[i].binCentres().length) {
                throw new IllegalArgumentException("fit at " + distances[i] + " m has " + fits[i].coefficients().length
                        + " coefficients and " + fits[i].quantiles().length + " quantile rows, expected " + expected
                        + " and " + fits[i].binCentres().length);
            }
            if (i > 0 && distances[i] <= distances[i - 1]) {
                throw new IllegalArgumentException("fitted distances must increase");
            }
        }
        final double[] p = parameters.probabilities();
        this.z = new double[p.length];
        int median = -1;
        for (int i = 0; i < p.length; i++) {
            z[i] = STANDARD_NORMAL.inverseCumulativeProbability(p[i]);
            if (p[i] == 0.5) {
                median = i;
            }
        }
        if (median < 0) {
            throw new IllegalArgumentException("the residual quantiles must include p = 0.5");
        }
        this.medianIndex = median;
        this.courses = parameters.courses();
        this.raceDayShare = new double[fits.length][];
        for (int i = 0; i < fits.length; i++) {
            raceDayShare[i] = raceDayShares(fits[i], p);
        }
    }

    /**
     * The race-day component moves everyone alike, so a runner's factor ({@link ModelParameters.RunnerScale}) scales
     * only the within-day part of the band. Its share of each bin's band is {@code raceDaySd^2 / s^2}, with {@code s}
     * the bin's normal-equivalent width (half its 15%-85% range over the normal's).
     */
    private static double[] raceDayShares(final ModelParameters.DistanceFit fit, final double[] p) {
        final double[] shares = new double[fit.quantiles().length];
        final double sd = fit.raceDaySd() == null ? 0 : fit.raceDaySd();
        final int lo = indexOf(p, 0.15);
        final int hi = indexOf(p, 0.85);
        if (sd <= 0 || lo < 0 || hi < 0) {
            return shares;
        }
        final double normalWidth = 2 * STANDARD_NORMAL.inverseCumulativeProbability(0.85);
        for (int b = 0; b < shares.length; b++) {
            final double s = (fit.quantiles()[b][hi] - fit.quantiles()[b][lo]) / normalWidth;
            shares[b] = s > 0 ? Math.min(1, sd * sd / (s * s)) : 1;
        }
        return shares;
    }

    private static int indexOf(final double[] values, final double v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == v) {
                return i;
            }
        }
        return -1;
    }

    /** The model of the committed resource. */
    public static FittedModel fromResource() {
        try (InputStream in = FittedModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("model resource " + RESOURCE + " is missing from the class path");
            }
            return new FittedModel(Json.mapper().readValue(in, ModelParameters.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model resource " + RESOURCE, e);
        }
    }

    /** A model from a parameter file written by {@link ModelFitter}. */
    public static FittedModel fromFile(final Path file) {
        try {
            return new FittedModel(Json.mapper().readValue(Files.readAllBytes(file), ModelParameters.class));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read model parameters from " + file + ": " + e.getMessage(), e);
        }
    }

    public ModelParameters parameters() {
        return parameters;
    }

    /**
     * On a course the model was fitted on (the race id's course, {@code boston-2023} gives {@code boston}), 1; on any
     * other, the fits' {@code unknownCourseScale} at this distance, interpolated between fitted mats, never below 1.
     */
    @Override
    public double courseBandScale(final String raceId, final double distanceM) {
        // a get, then a put the first time: no function made for every projection, as computeIfAbsent would need
        Boolean known = knownCourse.get(raceId);
        if (known == null) {
            known = courses.contains(RaceNames.courseOf(raceId));
            knownCourse.putIfAbsent(raceId, known);
        }
        if (known) {
            return 1;
        }
        int k = 0;
        while (k + 1 < fits.length && distances[k + 1] <= distanceM) {
            k++;
        }
        final double here = unknownCourseScale(fits[k]);
        if (k + 1 >= fits.length || distanceM <= distances[k]) {
            return here;
        }
        final double w = (distanceM - distances[k]) / (distances[k + 1] - distances[k]);
        return (1 - w) * here + w * unknownCourseScale(fits[k + 1]);
    }

    private static double unknownCourseScale(final ModelParameters.DistanceFit fit) {
        return fit.unknownCourseScale() == null ? 1 : Math.max(1, fit.unknownCourseScale());
    }

    @Override
    public FinishForecast forecast(final List<Split> splits, final double courseDistanceM, final RunnerProfile profile) {
        final Split last = lastOf(splits);
        if (courseDistanceM - last.distanceM() < 1) {
            return FinishForecast.finished(last.elapsedMs());
        }
        final Features.Raw raw = Features.raw(splits, courseDistanceM, profile);
        final double[] values = new double[z.length];
        final double fade = addFits(raw, values, 0);
        final double median = values[medianIndex];
        final double prior = elitePrior(raw);
        final double spreadScale = prior == 0 ? 1 : 1 - prior * (1 - parameters.elitePrior().spreadScale());
        for (int i = 0; i < values.length; i++) {
            values[i] = (values[i] - median) * spreadScale;
        }
        final double medianRemainingMs = raw.evenRemainingMs() * Math.exp((fade + median) * (1 - prior));
        return new FinishForecast(last.elapsedMs(), medianRemainingMs, new QuantileSpread(z, values));
    }

    /**
     * The median of {@link #forecast}, term for term as it works it out but for the median's quantile only, without
     * the band: the same {@code long} for the same arguments ({@code FittedModelTest}), and the same error for a
     * forecast that cannot be made.
     */
    @Override
    public long projectedFinishMs(final List<Split> splits, final double courseDistanceM, final RunnerProfile profile) {
        final Split last = lastOf(splits);
        if (courseDistanceM - last.distanceM() < 1) {
            return last.elapsedMs(); // a finished forecast's: nothing left to run
        }
        final Features.Raw raw = Features.raw(splits, courseDistanceM, profile);
        final double[] median = new double[1];
        final double fade = addFits(raw, median, medianIndex);
        final double medianRemainingMs = raw.evenRemainingMs() * Math.exp((fade + median[0]) * (1 - elitePrior(raw)));
        return last.elapsedMs() + Math.round(FinishForecast.checkedRemaining(medianRemainingMs));
    }

    private static Split lastOf(final List<Split> splits) {
        if (splits.isEmpty()) {
            throw new IllegalArgumentException("at least one split is needed");
        }
        return splits.get(splits.size() - 1);
    }

    /** How far the elite prior pulls this runner's forecast: 0 without one. */
    private double elitePrior(final Features.Raw raw) {
        final ModelParameters.ElitePrior elite = parameters.elitePrior();
        return elite == null ? 0 : elite.weight(raw.logPace());
    }

    /**
     * Adds the residual quantiles {@code from} to {@code from + values.length} of the fits around the runner's
     * equivalent distance (interpolated between the two fits it lies between) to {@code values}; returns the
     * interpolated prediction (the fade).
     */
    private double addFits(final Features.Raw raw, final double[] values, final int from) {
        final int k;
        final double w;
        final double d = raw.distanceEq();
        if (d <= distances[0]) {
            k = 0;
            w = 0;
        } else if (d >= distances[distances.length - 1]) {
            k = distances.length - 1;
            w = 0;
        } else {
            int i = 0;
            while (distances[i + 1] <= d) {
                i++;
            }
            k = i;
            w = (d - distances[i]) / (distances[i + 1] - distances[i]);
        }
        double fade = (1 - w) * addFit(k, raw, 1 - w, values, from);
        if (w > 0) {
            fade += w * addFit(k + 1, raw, w, values, from);
        }
        return fade;
    }

    /**
     * Adds fit k's residual quantiles (interpolated between pace bins, scaled around their median for this runner)
     * times weight; returns its prediction.
     */
    private double addFit(final int k, final Features.Raw raw, final double weight, final double[] values, final int from) {
        final ModelParameters.DistanceFit fit = fits[k];
        final double[] knots = fit.binCentres();
        final double[][] q = fit.quantiles();
        final int j = Features.knotBelow(raw.logPace(), knots);
        final double u = Features.knotWeight(raw.logPace(), knots, j);
        final double factor = fit.runnerScale() == null ? 1 : Math.exp(fit.runnerScale().logFactor(raw));
        add(q[j], weight * (1 - u), withinDay(factor, raceDayShare[k][j]), values, from);
        if (u > 0) {
            add(q[j + 1], weight * u, withinDay(factor, raceDayShare[k][j + 1]), values, from);
        }
        return Features.predict(raw, knots, j, u, fit.coefficients());
    }

    /** The factor on a band whose race-day share of variance is {@code share} when only the rest scales. */
    private static double withinDay(final double factor, final double share) {
        return share == 0 ? factor : Math.sqrt(factor * factor * (1 - share) + share);
    }

    /** Adds quantiles {@code from} to {@code from + values.length} of {@code q}, scaled around q's median, times weight. */
    private void add(final double[] q, final double weight, final double scale, final double[] values, final int from) {
        final double median = q[medianIndex];
        for (int i = 0; i < values.length; i++) {
            values[i] += weight * (median + (q[from + i] - median) * scale);
        }
    }
}
