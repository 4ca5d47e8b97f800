package io.racetracker.core.model;

import io.racetracker.core.json.Json;
import io.racetracker.core.race.Courses;
import io.racetracker.core.results.MatTime;
import io.racetracker.core.results.RunnerResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;

/**
 * Fits {@link FittedModel} on marathon finishers: at each standard mat (5 km ... 40 km and the half) a least-squares
 * regression of the fade ratio on {@link Features}, refitted once without gross outliers (walkers, injuries) so they
 * do not drag the centre, then the empirical quantiles of all residuals per pace-level bin. Any mat subset a runner
 * has is used as it is, so missed mats are fitted the way they are predicted.
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
    /** Ridge penalty per runner on every coefficient but the pace levels; tiny next to the features' variances. */
    static final double RIDGE = 1e-6;

    private ModelFitter() {
    }

    /**
     * @param runners  marathon finishers
     * @param fittedOn names of the files they came from, recorded in the parameters
     * @param progress told the index of each mat as its fit is done
     */
    public static ModelParameters fit(final List<RunnerResult> runners, final List<String> fittedOn,
                                      final IntConsumer progress) {
        if (runners.isEmpty()) {
            throw new IllegalArgumentException("no finishers to fit on");
        }
        final int mats = runners.get(0).mats().size();
        final List<ModelParameters.DistanceFit> fits = new ArrayList<>();
        for (int k = 0; k < mats; k++) {
            fits.add(fitAt(runners, k));
            progress.accept(k);
        }
        return new ModelParameters(
                "Fade-ratio regression per split distance with empirical residual quantiles per pace level",
                List.copyOf(fittedOn), runners.size(), List.of(Features.EXTRA_NAMES), PROBABILITIES.clone(), fits,
                new ModelParameters.ElitePrior(fits.stream().mapToDouble(f -> f.binCentres()[0]).min().orElseThrow(),
                        Math.log(ELITE_FULL_PRIOR_S_PER_KM), ELITE_SPREAD_SCALE));
    }

    private static ModelParameters.DistanceFit fitAt(final List<RunnerResult> runners, final int k) {
        final List<Features.Raw> raws = new ArrayList<>(runners.size());
        final List<Double> targets = new ArrayList<>(runners.size());
        double distanceM = Double.NaN;
        for (final RunnerResult runner : runners) {
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
        }
        final int n = raws.size();
        if (n < 200) {
            throw new IllegalArgumentException("only " + n + " finishers have a read at " + distanceM
                    + " m; at least 200 are needed to fit");
        }
        final double[] logPaces = new double[n];
        for (int i = 0; i < n; i++) {
            logPaces[i] = raws.get(i).logPace();
        }
        final int[] bin = new int[n];
        final double[] knots = bins(logPaces, bin);
        final int bins = knots.length;

        final int width = bins + Features.EXTRA;
        final double[][] x = new double[n][width];
        final double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            Features.vector(raws.get(i), knots, x[i]);
            y[i] = targets.get(i);
        }
        double[] beta = leastSquares(x, y);
        double[] residuals = residuals(x, y, beta);
        final double[] sorted = residuals.clone();
        Arrays.sort(sorted);
        final double median = quantile(sorted, 0.5);
        final double robustSigma = 1.4826 * mad(sorted, median);
        final List<Integer> kept = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (Math.abs(residuals[i] - median) <= OUTLIER_SIGMAS * robustSigma) {
                kept.add(i);
            }
        }
        final double[][] xk = new double[kept.size()][];
        final double[] yk = new double[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            xk[i] = x[kept.get(i)];
            yk[i] = y[kept.get(i)];
        }
        beta = leastSquares(xk, yk);
        final double[] finalResiduals = residuals(x, y, beta);

        final double[][] quantiles = new double[bins][];
        for (int b = 0; b < bins; b++) {
            final int wanted = b;
            final double[] r = java.util.stream.IntStream.range(0, n).filter(i -> bin[i] == wanted)
                    .mapToDouble(i -> finalResiduals[i]).sorted().toArray();
            quantiles[b] = new double[PROBABILITIES.length];
            for (int j = 0; j < PROBABILITIES.length; j++) {
                // strictly increasing, so the inverse (P(target)) is well defined
                quantiles[b][j] = round(Math.max(quantile(r, PROBABILITIES[j]), j == 0 ? -10 : quantiles[b][j - 1] + 1e-5));
            }
        }
        return new ModelParameters.DistanceFit(distanceM, n, knots, roundAll(beta), quantiles);
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
            final double upper = lastEdge ? Double.POSITIVE_INFINITY : quantile(sorted, BIN_EDGES[e]);
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
            knots.add(round(quantile(inBin, 0.5)));
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
        final int p = x[0].length;
        final double[][] xtx = new double[p][p];
        final double[] xty = new double[p];
        for (int i = 0; i < y.length; i++) {
            final double[] row = x[i];
            for (int a = 0; a < p; a++) {
                xty[a] += row[a] * y[i];
                for (int b = a; b < p; b++) {
                    xtx[a][b] += row[a] * row[b];
                }
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < a; b++) {
                xtx[a][b] = xtx[b][a];
            }
            if (a >= p - Features.EXTRA) {
                xtx[a][a] += RIDGE * y.length;
            }
        }
        return new QRDecomposition(new Array2DRowRealMatrix(xtx, false)).getSolver()
                .solve(new ArrayRealVector(xty, false)).toArray();
    }

    private static double[] residuals(final double[][] x, final double[] y, final double[] beta) {
        final double[] r = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double fit = 0;
            for (int j = 0; j < beta.length; j++) {
                fit += beta[j] * x[i][j];
            }
            r[i] = y[i] - fit;
        }
        return r;
    }

    private static double mad(final double[] sorted, final double median) {
        final double[] dev = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            dev[i] = Math.abs(sorted[i] - median);
        }
        Arrays.sort(dev);
        return quantile(dev, 0.5);
    }

    /** Linear-interpolation quantile of sorted data. */
    static double quantile(final double[] sorted, final double p) {
        final double pos = p * (sorted.length - 1);
        final int lo = (int) Math.floor(pos);
        final int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double[] roundAll(final double[] values) {
        final double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.round(values[i] * 1e7) / 1e7;
        }
        return out;
    }

    private static double round(final double v) {
        return Math.round(v * 1e5) / 1e5;
    }

    /** Writes parameters as the indented JSON the model loads. */
    public static void write(final ModelParameters parameters, final Path file) {
        try {
            final Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), parameters);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model parameters to " + file, e);
        }
    }
}
