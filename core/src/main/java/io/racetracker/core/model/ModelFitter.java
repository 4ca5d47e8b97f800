package io.racetracker.core.model;

import io.racetracker.core.race.Courses;
import io.racetracker.core.results.MatTime;
import io.racetracker.core.results.RaceNames;
import io.racetracker.core.results.RunnerResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Fits {@link FittedModel} on marathon finishers: at each standard mat (5 km ... 40 km and the half) a least-squares
 * regression of the fade ratio on {@link Features}, refitted once without gross outliers (walkers, injuries) so they
 * do not drag the centre, then the empirical quantiles of all residuals per pace-level bin, per runner scaled by a
 * factor for sex, age and the latest segment ({@link RunnerScaleFitter}). Any mat subset a runner has is used as it
 * is, so missed mats are fitted the way they are predicted.
 */
public final class ModelFitter {
    /** Probabilities at which residual quantiles are kept. */
    static final double[] PROBABILITIES = {0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5,
        0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.975, 0.99, 0.995};
    /** Pace-level bins as percentiles of the pace at each mat: fine at the fast end, where elites are. */
    static final double[] BIN_EDGES = {0, 0.0005, 0.002, 0.005, 0.02, 0.06, 0.15, 0.35, 0.65, 0.85, 1};
    /** A bin needs this many runners; sparser bins are merged into their neighbour. */
    static final int MIN_BIN_RUNNERS = 60;
    /**
     * Average or segment paces faster than this (s/km) are timing errors (the world record is 2:52/km); such rows are
     * left out of the fit.
     */
    static final double FASTEST_PLAUSIBLE_S_PER_KM = 160;
    /** The paced-elite prior holds fully from this pace (s/km; 2:52/km is a 2:01 marathon). */
    static final double ELITE_FULL_PRIOR_S_PER_KM = 172;
    /**
     * Spread under the paced-elite prior, as a share of the fastest bin's: paced record attempts run 5 km splits
     * within a few seconds of schedule (Vienna: 14:10 to 14:14), far steadier than racing elites.
     */
    static final double ELITE_SPREAD_SCALE = 0.2;
    /** Paces slower than this (s/km, 20:00/km) are left out of the fit too. */
    static final double SLOWEST_PLAUSIBLE_S_PER_KM = 1200;
    /** Residuals this many robust standard deviations from the median are left out of the second fit. */
    static final double OUTLIER_SIGMAS = 4;

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private ModelFitter() {
    }

    /**
     * Finishers of one race (one course on one day), named after its file(s), e.g. {@code boston-2022} or
     * {@code berlin-2016} for both {@code berlin-2016-M} and {@code berlin-2016-W}.
     */
    public record Race(String name, List<RunnerResult> runners) {
        /** The course a race name belongs to: the name up to its year ({@code berlin-2016} gives {@code berlin}). */
        public String course() {
            return RaceNames.courseOf(name);
        }
    }

    /**
     * @param runners  marathon finishers, taken as one race: residual quantiles in-sample, no race-day component
     * @param fittedOn names of the files they came from, recorded in the parameters
     * @param progress told the index of each mat as its fit is done
     */
    public static ModelParameters fit(final List<RunnerResult> runners, final List<String> fittedOn,
                                      final IntConsumer progress) {
        return fit(List.of(new Race("all", runners)), List.of(), fittedOn, List.of(), progress);
    }

    /**
     * Fits the centre on all training races together; the bands are calibrated across races (see {@link #fitAt}).
     *
     * @param training  the races fitted on
     * @param dayEffect other races, used only to estimate how much a course's race-day median residual varies from
     *                  year to year (never fitted on)
     * @param fittedOn  names of the training files, recorded in the parameters
     * @param dayEffectFrom names of the day-effect files, recorded in the parameters
     * @param progress  told the index of each mat as its fit is done
     */
    public static ModelParameters fit(final List<Race> training, final List<Race> dayEffect,
                                      final List<String> fittedOn, final List<String> dayEffectFrom,
                                      final IntConsumer progress) {
        final List<RunnerResult> all = training.stream().flatMap(r -> r.runners().stream()).toList();
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no finishers to fit on");
        }
        final int mats = all.get(0).mats().size();
        final List<ModelParameters.DistanceFit> fits = new ArrayList<>();
        for (int k = 0; k < mats; k++) {
            fits.add(fitAt(training, dayEffect, k));
            progress.accept(k);
        }
        final boolean calibrated = training.size() > 1 || !dayEffect.isEmpty();
        final ModelParameters fitted = new ModelParameters(
                "Fade-ratio regression per split distance with empirical residual quantiles per pace level"
                        + (calibrated ? "; bands from leave-one-race-out residuals centred per race plus a race-day"
                        + " component" : "")
                        + "; each runner's within-day spread scaled by sex, age and latest segment",
                List.copyOf(fittedOn), all.size(), List.of(Features.EXTRA_NAMES), PROBABILITIES.clone(), fits,
                new ModelParameters.ElitePrior(fits.stream().mapToDouble(f -> f.binCentres()[0]).min().orElseThrow(),
                        Math.log(ELITE_FULL_PRIOR_S_PER_KM), ELITE_SPREAD_SCALE),
                List.copyOf(dayEffectFrom));
        return UnknownCourseBand.fit(fitted, dayEffect);
    }

    /** One mat's usable rows: features, fade ratio and the index of the race each came from. */
    private record Rows(double distanceM, List<Features.Raw> raws, double[] y, int[] race) {
    }

    private static Rows rows(final List<Race> races, final int k) {
        final List<Features.Raw> raws = new ArrayList<>();
        final List<Double> targets = new ArrayList<>();
        final List<Integer> raceOf = new ArrayList<>();
        double distanceM = Double.NaN;
        for (int g = 0; g < races.size(); g++) {
            for (final RunnerResult runner : races.get(g).runners()) {
                final MatTime mat = runner.mats().get(k);
                distanceM = mat.distanceM();
                if (!mat.read()) {
                    continue;
                }
                final List<Split> splits = new ArrayList<>(k + 1);
                for (int i = 0; i <= k; i++) {
                    final MatTime m = runner.mats().get(i);
                    if (m.read()) {
                        splits.add(new Split(m.distanceM(), m.elapsedMs()));
                    }
                }
                if (!plausible(splits, runner.finishMs())) {
                    continue;
                }
                final Features.Raw raw = Features.raw(splits, Courses.MARATHON_M,
                        new RunnerProfile(runner.sex(), runner.age()));
                final double remainingMs = runner.finishMs() - mat.elapsedMs();
                raws.add(raw);
                targets.add(Math.log(remainingMs / raw.evenRemainingMs()));
                raceOf.add(g);
            }
        }
        return new Rows(distanceM, raws, targets.stream().mapToDouble(Double::doubleValue).toArray(),
                raceOf.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * One mat: the regression on every training row (the centre: its coefficients and each pace bin's residual
     * median), then the band. With two or more training races the band's shape comes from out-of-sample residuals
     * (each race's rows predicted by a fit on the other races), each race's residuals centred on their own median,
     * so the shape is the spread of runners within a race day. The race-day effect itself (a warmer or windier day
     * moves the whole field) is added as a normal component of standard deviation {@code raceDaySd}: the pooled
     * within-course standard deviation of race-level median residuals over every course with more than one year,
     * training races and day-effect races together, estimated robustly ({@link #raceDaySd}). Within the day, runners
     * of one pace differ in spread (sex, age, the latest segment): {@link RunnerScaleFitter} fits each runner's
     * factor on the deviations from the bin's centre, and the bin keeps the quantiles of the deviations divided by
     * it, so the band is that of a runner of factor 1. The kept quantiles are those convolved with the race-day
     * normal and re-centred on the bin's in-sample residual median.
     */
    private static ModelParameters.DistanceFit fitAt(final List<Race> training, final List<Race> dayEffect,
                                                     final int k) {
        final Rows rows = rows(training, k);
        final int n = rows.y().length;
        if (n < 200) {
            throw new IllegalArgumentException("only " + n + " finishers have a read at " + rows.distanceM()
                    + " m; at least 200 are needed to fit");
        }
        final double[] logPaces = new double[n];
        for (int i = 0; i < n; i++) {
            logPaces[i] = rows.raws().get(i).logPace();
        }
        final int[] bin = new int[n];
        final double[] knots = bins(logPaces, bin);
        final int bins = knots.length;

        final double[][] x = design(rows.raws(), knots);
        final double[] y = rows.y();
        final int[] everyone = IntStream.range(0, n).toArray();
        final double[] beta = robustFit(x, y, everyone);
        final double[] finalResiduals = Statistics.residuals(x, y, beta);

        // out-of-sample residuals, each race centred on its own median
        final double[] centred = new double[n];
        final double[] raceOffsets = new double[training.size()];
        for (int g = 0; g < training.size(); g++) {
            final int race = g;
            final int[] in = IntStream.range(0, n).filter(i -> rows.race()[i] == race).toArray();
            if (in.length == 0) {
                raceOffsets[g] = Double.NaN;
                continue;
            }
            raceOffsets[g] = Statistics.median(IntStream.of(in).mapToDouble(i -> finalResiduals[i]).toArray());
            final double[] b = training.size() > 1
                    ? robustFit(x, y, IntStream.range(0, n).filter(i -> rows.race()[i] != race).toArray()) : beta;
            final double[] oos = new double[in.length];
            for (int i = 0; i < in.length; i++) {
                oos[i] = y[in[i]] - Statistics.dot(b, x[in[i]]);
            }
            final double offset = Statistics.median(oos);
            for (int i = 0; i < in.length; i++) {
                centred[in[i]] = oos[i] - offset;
            }
        }

        final List<String> courses = new ArrayList<>();
        final List<Double> offsets = new ArrayList<>();
        for (int g = 0; g < training.size(); g++) {
            if (!Double.isNaN(raceOffsets[g])) {
                courses.add(training.get(g).course());
                offsets.add(raceOffsets[g]);
            }
        }
        if (!dayEffect.isEmpty()) {
            final Rows other = rows(dayEffect, k);
            final double[][] xo = design(other.raws(), knots);
            final double[] r = Statistics.residuals(xo, other.y(), beta);
            for (int g = 0; g < dayEffect.size(); g++) {
                final int race = g;
                final double[] mine = IntStream.range(0, r.length).filter(i -> other.race()[i] == race)
                        .mapToDouble(i -> r[i]).toArray();
                if (mine.length >= MIN_BIN_RUNNERS) {
                    courses.add(dayEffect.get(g).course());
                    offsets.add(Statistics.median(mine));
                }
            }
        }
        final double raceDaySd = Statistics.round(raceDaySd(courses, offsets));

        // within a race day: each runner's deviation from its bin's centre, then divided by the runner's factor
        final double[] within = training.size() > 1 ? centred : finalResiduals;
        final double[] deviations = new double[n];
        for (int b = 0; b < bins; b++) {
            final int wanted = b;
            final int[] in = IntStream.range(0, n).filter(i -> bin[i] == wanted).toArray();
            final double centre = Statistics.median(IntStream.of(in).mapToDouble(i -> within[i]).toArray());
            for (final int i : in) {
                deviations[i] = within[i] - centre;
            }
        }
        final ModelParameters.RunnerScale runnerScale = RunnerScaleFitter.fit(rows.raws(), knots, deviations);
        final double[] standardized = new double[n];
        for (int i = 0; i < n; i++) {
            standardized[i] = deviations[i] / Math.exp(runnerScale.logFactor(rows.raws().get(i)));
        }

        final double[][] quantiles = new double[bins][];
        for (int b = 0; b < bins; b++) {
            final int wanted = b;
            final double centre = Statistics.median(IntStream.range(0, n).filter(i -> bin[i] == wanted)
                    .mapToDouble(i -> finalResiduals[i]).toArray());
            final double[] shape = IntStream.range(0, n).filter(i -> bin[i] == wanted)
                    .mapToDouble(i -> standardized[i]).sorted().toArray();
            final double[] q = Statistics.convolvedQuantiles(shape, raceDaySd, PROBABILITIES);
            final double shift = centre - quantileOf(q, 0.5);
            quantiles[b] = new double[PROBABILITIES.length];
            for (int j = 0; j < PROBABILITIES.length; j++) {
                // strictly increasing, so the inverse (P(target)) is well defined
                quantiles[b][j] = Statistics.round(Math.max(q[j] + shift, j == 0 ? -10 : quantiles[b][j - 1] + 1e-5));
            }
        }
        return new ModelParameters.DistanceFit(rows.distanceM(), n, knots, Statistics.roundAll(beta), quantiles, raceDaySd,
                runnerScale, null);
    }

    private static double quantileOf(final double[] q, final double p) {
        for (int j = 0; j < PROBABILITIES.length; j++) {
            if (PROBABILITIES[j] == p) {
                return q[j];
            }
        }
        throw new IllegalStateException("no quantile at " + p);
    }

    private static double[][] design(final List<Features.Raw> raws, final double[] knots) {
        final double[][] x = new double[raws.size()][knots.length + Features.EXTRA];
        for (int i = 0; i < x.length; i++) {
            Features.vector(raws.get(i), knots, x[i]);
        }
        return x;
    }

    /** Least squares on the given rows, refitted once without residuals beyond {@link #OUTLIER_SIGMAS}. */
    private static double[] robustFit(final double[][] x, final double[] y, final int[] use) {
        final double[][] xs = new double[use.length][];
        final double[] ys = new double[use.length];
        for (int i = 0; i < use.length; i++) {
            xs[i] = x[use[i]];
            ys[i] = y[use[i]];
        }
        final double[] beta = leastSquares(xs, ys);
        final double[] residuals = Statistics.residuals(xs, ys, beta);
        final double[] sorted = residuals.clone();
        Arrays.sort(sorted);
        final double median = Statistics.quantile(sorted, 0.5);
        final double robustSigma = 1.4826 * Statistics.mad(sorted, median);
        final List<Integer> kept = new ArrayList<>(use.length);
        for (int i = 0; i < use.length; i++) {
            if (Math.abs(residuals[i] - median) <= OUTLIER_SIGMAS * robustSigma) {
                kept.add(i);
            }
        }
        final double[][] xk = new double[kept.size()][];
        final double[] yk = new double[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            xk[i] = xs[kept.get(i)];
            yk[i] = ys[kept.get(i)];
        }
        return leastSquares(xk, yk);
    }

    /**
     * The year-to-year standard deviation of a course's race-level median residual, robustly: over every pair of
     * races on the same course, the median of their absolute difference, divided by {@code sqrt(2) * 0.6745} (the
     * median of |N(0, 2 sd^2)|). Robust because a mat placed away from its nominal distance in one year (some
     * majors files have such mats) shifts that race's median at that mat alone and would dominate a plain variance of
     * so few races. 0 when no course has two races.
     */
    static double raceDaySd(final List<String> courses, final List<Double> offsets) {
        final List<Double> differences = new ArrayList<>();
        for (int i = 0; i < courses.size(); i++) {
            for (int j = i + 1; j < courses.size(); j++) {
                if (courses.get(i).equals(courses.get(j))) {
                    differences.add(Math.abs(offsets.get(i) - offsets.get(j)));
                }
            }
        }
        if (differences.isEmpty()) {
            return 0;
        }
        return Statistics.median(differences.stream().mapToDouble(Double::doubleValue).toArray())
                / (Math.sqrt(2) * STANDARD_NORMAL.inverseCumulativeProbability(0.75));
    }

    /**
     * Pace-level bins by the percentiles {@link #BIN_EDGES}, a bin with fewer than {@link #MIN_BIN_RUNNERS} runners
     * merged into the next; fills each runner's bin and returns the bins' median log paces (the knots).
     */
    private static double[] bins(final double[] logPaces, final int[] bin) {
        final double[] sorted = logPaces.clone();
        Arrays.sort(sorted);
        final List<Double> knots = new ArrayList<>();
        double lower = Double.NEGATIVE_INFINITY;
        for (int e = 1; e < BIN_EDGES.length; e++) {
            final boolean lastEdge = e == BIN_EDGES.length - 1;
            final double upper = lastEdge ? Double.POSITIVE_INFINITY : Statistics.quantile(sorted, BIN_EDGES[e]);
            final double from = lower;
            final double[] inBin = Arrays.stream(sorted).filter(v -> v > from && v <= upper).toArray();
            if (inBin.length < MIN_BIN_RUNNERS && !lastEdge || inBin.length == 0) {
                continue;
            }
            for (int i = 0; i < logPaces.length; i++) {
                if (logPaces[i] > lower && logPaces[i] <= upper) {
                    bin[i] = knots.size();
                }
            }
            knots.add(Statistics.round(Statistics.quantile(inBin, 0.5)));
            lower = upper;
        }
        final double[] out = new double[knots.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = knots.get(i);
            if (i > 0 && out[i] <= out[i - 1]) {
                out[i] = out[i - 1] + 1e-5;
            }
        }
        return out;
    }

    /** Every segment (start to first read, read to read, last read to finish) at a pace a runner can run. */
    static boolean plausible(final List<Split> splits, final long finishMs) {
        double fromM = 0;
        long fromMs = 0;
        for (final Split s : splits) {
            if (!plausiblePace(s.elapsedMs() - fromMs, s.distanceM() - fromM)) {
                return false;
            }
            fromM = s.distanceM();
            fromMs = s.elapsedMs();
        }
        return plausiblePace(finishMs - fromMs, Courses.MARATHON_M - fromM);
    }

    private static boolean plausiblePace(final long ms, final double metres) {
        final double secondsPerKm = ms / metres;
        return secondsPerKm >= FASTEST_PLAUSIBLE_S_PER_KM && secondsPerKm <= SLOWEST_PLAUSIBLE_S_PER_KM;
    }

    /**
     * Least squares through the normal equations with a very light ridge, so a feature that is constant at some mat
     * (the latest segment at 5 km is the whole race so far) gets a zero coefficient instead of a singular system.
     */
    private static double[] leastSquares(final double[][] x, final double[] y) {
        return Statistics.leastSquares(x, y, x[0].length - Features.EXTRA);
    }

}
