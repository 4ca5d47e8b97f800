package io.racetracker.core.model;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.statistics.distribution.NormalDistribution;

/** The general statistics the model's fitters use: quantiles, robust spread, light-ridge least squares, rounding. */
final class Statistics {
    /** Ridge penalty per runner on every coefficient but the pace levels; tiny next to the features' variances. */
    static final double RIDGE = 1e-6;
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private Statistics() {
    }

    /**
     * Quantiles at {@code probabilities} of a sample plus an independent normal of standard deviation {@code sd}
     * (the sample's distribution convolved with the normal), by bisection on the mixture's distribution function.
     * Large samples are represented by 1,000 of their quantiles. With {@code sd = 0} the sample's own quantiles.
     */
    static double[] convolvedQuantiles(final double[] sorted, final double sd, final double[] probabilities) {
        final double[] out = new double[probabilities.length];
        if (sd <= 0) {
            for (int j = 0; j < out.length; j++) {
                out[j] = quantile(sorted, probabilities[j]);
            }
            return out;
        }
        final int m = Math.min(sorted.length, 1000);
        final double[] points = new double[m];
        for (int i = 0; i < m; i++) {
            points[i] = m == sorted.length ? sorted[i] : quantile(sorted, (i + 0.5) / m);
        }
        for (int j = 0; j < out.length; j++) {
            double lo = points[0] - 10 * sd;
            double hi = points[m - 1] + 10 * sd;
            for (int it = 0; it < 50; it++) {
                final double mid = 0.5 * (lo + hi);
                double cdf = 0;
                for (final double v : points) {
                    cdf += STANDARD_NORMAL.cumulativeProbability((mid - v) / sd);
                }
                if (cdf / m < probabilities[j]) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            out[j] = 0.5 * (lo + hi);
        }
        return out;
    }

    /** The same, with the ridge on every column but the first {@code unpenalized} (levels that sum to one). */
    static double[] leastSquares(final double[][] x, final double[] y, final int unpenalized) {
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
            if (a >= unpenalized) {
                xtx[a][a] += RIDGE * y.length;
            }
        }
        return new QRDecomposition(new Array2DRowRealMatrix(xtx, false)).getSolver()
                .solve(new ArrayRealVector(xty, false)).toArray();
    }

    static double[] residuals(final double[][] x, final double[] y, final double[] beta) {
        final double[] r = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            r[i] = y[i] - dot(beta, x[i]);
        }
        return r;
    }

    static double mad(final double[] sorted, final double median) {
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

    static double[] roundAll(final double[] values) {
        final double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.round(values[i] * 1e7) / 1e7;
        }
        return out;
    }

    static double round(final double v) {
        return Math.round(v * 1e5) / 1e5;
    }

    static double dot(final double[] beta, final double[] row) {
        double s = 0;
        for (int j = 0; j < beta.length; j++) {
            s += beta[j] * row[j];
        }
        return s;
    }

    static double median(final double[] values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return quantile(sorted, 0.5);
    }
}
