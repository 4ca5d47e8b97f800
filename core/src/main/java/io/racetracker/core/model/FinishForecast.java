package io.racetracker.core.model;

import java.util.Objects;

/**
 * The distribution of an athlete's finish time: the time already run plus a remaining time whose log is spread
 * around its median by a {@link Spread} (normal, or the empirical shape a fitted model learned). At the finish the
 * remaining time is zero and the forecast collapses to the actual time.
 */
public final class FinishForecast {
    private static final Spread NONE = new NormalSpread(0);

    private final long elapsedMs;
    private final double medianRemainingMs;
    private final Spread spread;

    /**
     * A log-normal remaining time.
     *
     * @param elapsedMs         chip time at the latest split
     * @param medianRemainingMs median of the time still to run
     * @param logSigma          standard deviation of the natural log of the remaining time
     */
    public FinishForecast(final long elapsedMs, final double medianRemainingMs, final double logSigma) {
        this(elapsedMs, medianRemainingMs, checkedSigma(logSigma));
    }

    /**
     * A remaining time with any spread around its median.
     *
     * @param spread distribution of {@code log(remaining / medianRemainingMs)}
     */
    public FinishForecast(final long elapsedMs, final double medianRemainingMs, final Spread spread) {
        this.elapsedMs = elapsedMs;
        this.medianRemainingMs = checkedRemaining(medianRemainingMs);
        this.spread = Objects.requireNonNull(spread, "spread");
    }

    private static Spread checkedSigma(final double logSigma) {
        if (logSigma < 0 || !Double.isFinite(logSigma)) {
            throw new IllegalArgumentException("invalid forecast: sigma " + logSigma);
        }
        return logSigma == 0 ? NONE : new NormalSpread(logSigma);
    }

    /** The finish itself: no time left, no uncertainty. */
    public static FinishForecast finished(final long finishMs) {
        return new FinishForecast(finishMs, 0, NONE);
    }

    /** A median remaining time as a forecast takes it: not negative, finite. */
    static double checkedRemaining(final double medianRemainingMs) {
        if (medianRemainingMs < 0 || !Double.isFinite(medianRemainingMs)) {
            throw new IllegalArgumentException("invalid forecast: remaining " + medianRemainingMs + " ms");
        }
        return medianRemainingMs;
    }

    /** The same spread around another median remaining time (the nowcast's correction for the day). */
    public FinishForecast withMedianRemaining(final double remainingMs) {
        return new FinishForecast(elapsedMs, remainingMs, spread);
    }

    /** The same centre with the spread scaled by {@code factor} (in log remaining time). */
    public FinishForecast withSpreadScaled(final double factor) {
        return factor == 1 || spread == NONE ? this : new FinishForecast(elapsedMs, medianRemainingMs, spread.scaled(factor));
    }

    public long elapsedMs() {
        return elapsedMs;
    }

    public double medianRemainingMs() {
        return medianRemainingMs;
    }

    /** Width of the log remaining time; for non-normal spreads, half the 16th-84th percentile range. */
    public double logSigma() {
        return spread.sigmaEquivalent();
    }

    public Spread spread() {
        return spread;
    }

    /** The central estimate: the median finish time. */
    public long projectedFinishMs() {
        return elapsedMs + Math.round(medianRemainingMs);
    }

    /** The p-quantile of the finish time, for 0 &lt; p &lt; 1. */
    public long quantileMs(final double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("quantile needs 0 < p < 1, got " + p);
        }
        if (medianRemainingMs == 0 || spread == NONE) {
            return projectedFinishMs();
        }
        return elapsedMs + Math.round(medianRemainingMs * Math.exp(spread.quantile(p)));
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
        if (spread == NONE) {
            return medianRemainingMs < remainingBudget ? 1.0 : 0.0;
        }
        return spread.cdf(Math.log(remainingBudget / medianRemainingMs));
    }

    @Override
    public String toString() {
        return "FinishForecast[elapsedMs=" + elapsedMs + ", medianRemainingMs=" + medianRemainingMs + ", logSigma="
                + logSigma() + "]";
    }
}
