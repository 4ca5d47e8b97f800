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
    static final double[] BIN_EDGES = {0, 0.005, 0.02, 0.06, 0.15, 0.35, 0.65, 0.85, 1};
    /** A bin needs this many runners; sparser bins are merged into their neighbour. */
    static final int MIN_BIN_RUNNERS = 80;
    /** Residuals this many robust standard deviations from the median are left out of the second fit. */
    static final double OUTLIER_SIGMAS = 4;
    /** Ridge penalty per runner on every coefficient but the intercept; tiny next to the features' variances. */
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
                List.copyOf(fittedOn), runners.size(), List.of(Features.NAMES), PROBABILITIES.clone(), fits);
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
        final double[] logPaces = raws.stream().mapToDouble(Features.Raw::logPace).sorted().toArray();
        final double logPaceMin = logPaces[0];
        final double logPaceMax = logPaces[n - 1];

        final double[][] x = new double[n][Features.SIZE];
        final double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            Features.vector(raws.get(i), logPaceMin, logPaceMax, x[i]);
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
        residuals = residuals(x, y, beta);

        final List<double[]> centresAndQuantiles = binQuantiles(raws, residuals, logPaces);
        final double[] centres = new double[centresAndQuantiles.size()];
        final double[][] quantiles = new double[centresAndQuantiles.size()][];
        for (int b = 0; b < centres.length; b++) {
            final double[] entry = centresAndQuantiles.get(b);
            centres[b] = round(entry[0]);
            quantiles[b] = Arrays.copyOfRange(entry, 1, entry.length);
        }
        return new ModelParameters.DistanceFit(distanceM, n, roundAll(beta), logPaceMin, logPaceMax, centres,
                quantiles);
    }

    /** Per pace bin: {centre, quantile at each probability...}. */
    private static List<double[]> binQuantiles(final List<Features.Raw> raws, final double[] residuals,
                                               final double[] sortedLogPaces) {
        final int n = residuals.length;
        final List<double[]> bins = new ArrayList<>();
        double lower = Double.NEGATIVE_INFINITY;
        int e = 1;
        while (e < BIN_EDGES.length) {
            final double upper = e == BIN_EDGES.length - 1 ? Double.POSITIVE_INFINITY
                    : quantile(sortedLogPaces, BIN_EDGES[e]);
            final List<Double> inBin = new ArrayList<>();
            final List<Double> pacesInBin = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                final double lp = raws.get(i).logPace();
                if (lp > lower && lp <= upper) {
                    inBin.add(residuals[i]);
                    pacesInBin.add(lp);
                }
            }
            e++;
            if (inBin.size() < MIN_BIN_RUNNERS && e < BIN_EDGES.length) {
                continue;
            }
            lower = upper;
            final double[] r = inBin.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            final double[] p = pacesInBin.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            if (r.length == 0) {
                continue;
            }
            final double[] entry = new double[PROBABILITIES.length + 1];
            entry[0] = quantile(p, 0.5);
            for (int j = 0; j < PROBABILITIES.length; j++) {
                // strictly increasing, so the inverse (P(target)) is well defined
                entry[j + 1] = round(Math.max(quantile(r, PROBABILITIES[j]), j == 0 ? -10 : entry[j] + 1e-5));
            }
            bins.add(entry);
        }
        return bins;
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
            if (a > 0) {
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
