package io.racetracker.core.model;

import org.apache.commons.statistics.distribution.NormalDistribution;

/** A normal log ratio: the remaining time is log-normal. */
record NormalSpread(double sigma) implements Spread {
    static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    @Override
    public double quantile(final double p) {
        return sigma * STANDARD_NORMAL.inverseCumulativeProbability(p);
    }

    @Override
    public double cdf(final double x) {
        if (sigma == 0) {
            return x >= 0 ? 1 : 0;
        }
        return STANDARD_NORMAL.cumulativeProbability(x / sigma);
    }

    @Override
    public double sigmaEquivalent() {
        return sigma;
    }
}
