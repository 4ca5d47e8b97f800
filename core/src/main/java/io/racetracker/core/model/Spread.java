package io.racetracker.core.model;

/**
 * The shape of a forecast's uncertainty: the distribution of {@code log(remaining time / median remaining time)}.
 * Its median is 0. Implementations are immutable.
 */
public interface Spread {
    /** The p-quantile of the log ratio, for 0 &lt; p &lt; 1. */
    double quantile(double p);

    /** P(log ratio &lt;= x). */
    double cdf(double x);

    /** The same shape, {@code factor} times as wide (factor &gt; 0). */
    default Spread scaled(final double factor) {
        final Spread base = this;
        return new Spread() {
            @Override
            public double quantile(final double p) {
                return factor * base.quantile(p);
            }

            @Override
            public double cdf(final double x) {
                return base.cdf(x / factor);
            }
        };
    }

    /** A single width figure for display: half the distance between the 16th and 84th percentiles. */
    default double sigmaEquivalent() {
        return (quantile(0.841344746) - quantile(0.158655254)) / 2;
    }
}
