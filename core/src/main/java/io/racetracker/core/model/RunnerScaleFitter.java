package io.racetracker.core.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fits {@link ModelParameters.RunnerScale} at one mat: the log of each runner's absolute deviation from the centre
 * of its pace bin, regressed on the runner's features (multiplicative heteroscedasticity: if a deviation is the
 * runner's scale times a draw from one shape, its log is the log scale plus a constant). The pace level has its own
 * hat terms in the regression, which are fitted but not kept: the pace bins' quantiles already carry the spread
 * that belongs to pace, and the terms keep pace from leaking into the other coefficients (women are slower on
 * average and spread less).
 */
final class RunnerScaleFitter {
    /** Percentiles of the latest segment at which the segment curve has its knots: dense where runners slowed. */
    static final double[] SEGMENT_KNOT_PERCENTILES = {0.005, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 0.999};
    /**
     * Absolute deviations are floored at this share of their median before the log is taken, so the few runners
     * who land exactly on the centre do not pull the fit towards minus infinity.
     */
    static final double FLOOR_SHARE = 0.01;
    /** Segment knots closer than this are merged (at the first mat every runner's segment is the same). */
    private static final double MIN_KNOT_GAP = 1e-4;

    private RunnerScaleFitter() {
    }

    /**
     * @param raws       the runners' features at this mat
     * @param paceKnots  the mat's pace-level knots (log s/km)
     * @param deviations each runner's residual minus the centre of its pace bin
     */
    static ModelParameters.RunnerScale fit(final List<Features.Raw> raws, final double[] paceKnots,
                                           final double[] deviations) {
        final int n = raws.size();
        final double[] segmentKnots = segmentKnots(raws);
        final int reference = nearestToMedian(raws, segmentKnots);
        final int segments = segmentKnots.length;
        final int others = ModelParameters.RunnerScale.FEATURES.size();
        final int p = paceKnots.length + segments - 1 + others;

        final double[] absolute = new double[n];
        for (int i = 0; i < n; i++) {
            absolute[i] = Math.abs(deviations[i]);
        }
        final double[] sorted = absolute.clone();
        Arrays.sort(sorted);
        final double floor = Math.max(1e-9, FLOOR_SHARE * Statistics.quantile(sorted, 0.5));

        final double[][] x = new double[n][p];
        final double[] y = new double[n];
        final double[] withoutPace = new double[segments + others];
        for (int i = 0; i < n; i++) {
            final Features.Raw raw = raws.get(i);
            hats(raw.logPace(), paceKnots, x[i], 0);
            scaleFeatures(raw, segmentKnots, withoutPace);
            int c = paceKnots.length;
            for (int j = 0; j < withoutPace.length; j++) {
                if (j != reference) {
                    x[i][c++] = withoutPace[j];
                }
            }
            y[i] = Math.log(Math.max(absolute[i], floor));
        }
        final double[] beta = Statistics.leastSquares(x, y, paceKnots.length);

        // the reference knot's level is 0; then shift the curve so the mean log factor over the runners is 0
        final double[] coefficients = new double[segments + others];
        int c = paceKnots.length;
        for (int j = 0; j < coefficients.length; j++) {
            coefficients[j] = j == reference ? 0 : beta[c++];
        }
        final ModelParameters.RunnerScale unshifted = new ModelParameters.RunnerScale(segmentKnots, coefficients);
        double mean = 0;
        for (final Features.Raw raw : raws) {
            mean += unshifted.logFactor(raw) / n;
        }
        for (int j = 0; j < segments; j++) {
            coefficients[j] = Statistics.round(coefficients[j] - mean);
        }
        for (int j = segments; j < coefficients.length; j++) {
            coefficients[j] = Statistics.round(coefficients[j]);
        }
        return new ModelParameters.RunnerScale(segmentKnots, coefficients);
    }

    /** The features of {@link ModelParameters.RunnerScale#logFactor}: segment hats, then the others. */
    static void scaleFeatures(final Features.Raw raw, final double[] segmentKnots, final double[] out) {
        Arrays.fill(out, 0);
        hats(raw.logSegment(), segmentKnots, out, 0);
        final int e = segmentKnots.length;
        out[e] = raw.female();
        out[e + 1] = raw.age();
        out[e + 2] = raw.age() * raw.age();
        out[e + 3] = raw.ageUnknown();
        out[e + 4] = raw.female() * raw.age();
    }

    private static void hats(final double value, final double[] knots, final double[] out, final int from) {
        final int j = Features.knotBelow(value, knots);
        final double u = Features.knotWeight(value, knots, j);
        out[from + j] += 1 - u;
        if (u > 0) {
            out[from + j + 1] += u;
        }
    }

    private static double[] segmentKnots(final List<Features.Raw> raws) {
        final double[] segments = raws.stream().mapToDouble(Features.Raw::logSegment).sorted().toArray();
        final List<Double> knots = new ArrayList<>();
        for (final double q : SEGMENT_KNOT_PERCENTILES) {
            final double v = Statistics.round(Statistics.quantile(segments, q));
            if (knots.isEmpty() || v - knots.get(knots.size() - 1) >= MIN_KNOT_GAP) {
                knots.add(v);
            }
        }
        return knots.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static int nearestToMedian(final List<Features.Raw> raws, final double[] knots) {
        final double[] segments = raws.stream().mapToDouble(Features.Raw::logSegment).sorted().toArray();
        final double median = Statistics.quantile(segments, 0.5);
        int best = 0;
        for (int j = 1; j < knots.length; j++) {
            if (Math.abs(knots[j] - median) < Math.abs(knots[best] - median)) {
                best = j;
            }
        }
        return best;
    }
}
