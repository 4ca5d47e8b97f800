package io.racetracker.core.model;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The distribution of an athlete's finish time: the time already run plus a log-normally distributed remaining
 * time. At the finish the remaining time is zero and the forecast collapses to the actual time.
 *
 * @param elapsedMs          chip time at the latest split
 * @param medianRemainingMs  median of the time still to run
 * @param logSigma           standard deviation of the natural log of the remaining time
 */
public record FinishForecast(long elapsedMs, double medianRemainingMs, double logSigma) {
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    public FinishForecast {
        if (medianRemainingMs < 0 || !Double.isFinite(medianRemainingMs) || logSigma < 0 || !Double.isFinite(logSigma)) {
            throw new IllegalArgumentException("invalid forecast: remaining " + medianRemainingMs + " ms, sigma " + logSigma);
        }
    }

    /** The finish itself: no time left, no uncertainty. */
    public static FinishForecast finished(final long finishMs) {
        return new FinishForecast(finishMs, 0, 0);
    }

    public long projectedFinishMs() {
        return elapsedMs + Math.round(medianRemainingMs);
    }

    /** The p-quantile of the finish time, for 0 &lt; p &lt; 1. */
    public long quantileMs(final double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("quantile needs 0 < p < 1, got " + p);
        }
        if (medianRemainingMs == 0 || logSigma == 0) {
            return projectedFinishMs();
        }
        final double z = STANDARD_NORMAL.inverseCumulativeProbability(p);
        return elapsedMs + Math.round(medianRemainingMs * Math.exp(logSigma * z));
    }

    /** P(finish time &lt; targetMs). */
    public double probabilityUnder(final long targetMs) {
        final double remainingBudget = targetMs - elapsedMs;
        if (medianRemainingMs == 0) {
            return elapsedMs < targetMs ? 1.0 : 0.0;
        }
        if (remainingBudget <= 0) {
            return 0.0;
        }
        if (logSigma == 0) {
            return medianRemainingMs < remainingBudget ? 1.0 : 0.0;
        }
        return STANDARD_NORMAL.cumulativeProbability(Math.log(remainingBudget / medianRemainingMs) / logSigma);
    }
}
