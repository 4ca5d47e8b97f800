package io.racetracker.core.model;

import java.util.Arrays;

/**
 * An empirical log ratio, given by its quantiles at fixed normal scores. Between knots the quantile function is
 * linear in the normal score, so a table taken from a normal sample reproduces the normal; beyond the outer knots it
 * goes on with the outer slope. Skewed tails (runners who blow up) come straight from the data.
 */
final class QuantileSpread implements Spread {
    private final double[] z;
    private final double[] values;

    /**
     * @param z      increasing normal scores of the knots (shared, not copied)
     * @param values the quantiles at those scores, non-decreasing, with 0 at the median (owned by this object)
     */
    QuantileSpread(final double[] z, final double[] values) {
        this.z = z;
        this.values = values;
    }

    @Override
    public double quantile(final double p) {
        return valueAt(NormalSpread.STANDARD_NORMAL.inverseCumulativeProbability(p));
    }

    @Override
    public double cdf(final double x) {
        return NormalSpread.STANDARD_NORMAL.cumulativeProbability(scoreOf(x));
    }

    private double valueAt(final double score) {
        final int n = z.length;
        int i = Arrays.binarySearch(z, score);
        if (i >= 0) {
            return values[i];
        }
        i = -i - 1;
        final int lo = Math.max(0, Math.min(n - 2, i - 1));
        return values[lo] + (score - z[lo]) * slope(lo);
    }

    private double scoreOf(final double x) {
        final int n = values.length;
        int lo;
        if (x <= values[0]) {
            lo = 0;
        } else if (x >= values[n - 1]) {
            lo = n - 2;
        } else {
            int a = 0;
            int b = n - 1;
            while (b - a > 1) {
                final int mid = (a + b) >>> 1;
                if (values[mid] <= x) {
                    a = mid;
                } else {
                    b = mid;
                }
            }
            lo = a;
        }
        final double s = slope(lo);
        return z[lo] + (x - values[lo]) / s;
    }

    private double slope(final int lo) {
        return Math.max(1e-9, (values[lo + 1] - values[lo]) / (z[lo + 1] - z[lo]));
    }
}
