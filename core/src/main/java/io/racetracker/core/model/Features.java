package io.racetracker.core.model;

import io.racetracker.core.event.Sex;
import io.racetracker.core.race.Courses;
import java.util.Arrays;
import java.util.List;

/**
 * What the fitted model sees at a split, computed the same way when fitting and when predicting.
 *
 * <p>The target is the fade ratio {@code log(remaining time / even-pace remaining time)}. The features are the
 * log of the average pace so far (the pace level), the log of the latest segment's pace over the average pace (a
 * segment of at least {@value #MIN_SEGMENT_M} m, so a missed mat only lengthens it), sex and age.
 */
final class Features {
    /** Entries after the pace-level knots. */
    static final int EXTRA = 8;
    static final String[] EXTRA_NAMES = {"logSegment", "logSegment^2", "logSegment*logPace", "female",
        "female*logPace", "age", "age^2", "ageUnknown"};
    /** The latest segment is measured back to the last split at least this far behind. */
    static final double MIN_SEGMENT_M = 4_000;
    /** Paces are centred on 5:00/km (log of 300 s/km). */
    static final double LOG_PACE_CENTRE = Math.log(300);

    private Features() {
    }

    /**
     * The raw inputs at the latest split.
     *
     * @param distanceEq  the latest split's distance scaled to a marathon (the model is fitted on marathons)
     * @param remainingM  metres still to run
     * @param evenRemainingMs time still to run at the average pace so far
     * @param logPace     log of the average pace so far in s/km
     * @param logSegment  log of (latest segment pace / average pace)
     * @param female      1 for women, 0 for men, 0.5 when unknown
     * @param age         (age - 40) / 10, clamped to [-2, 4]; 0 when unknown
     * @param ageUnknown  1 when the age is unknown
     */
    record Raw(double distanceEq, double remainingM, double evenRemainingMs, double logPace, double logSegment,
               double female, double age, double ageUnknown) {
    }

    static Raw raw(final List<Split> splits, final double courseDistanceM, final RunnerProfile profile) {
        final int n = splits.size();
        final Split last = splits.get(n - 1);
        final double distance = last.distanceM();
        final double msPerM = last.elapsedMs() / distance;
        double refM = 0;
        double refMs = 0;
        for (int i = n - 2; i >= 0; i--) {
            final Split s = splits.get(i);
            if (s.distanceM() <= distance - MIN_SEGMENT_M) {
                refM = s.distanceM();
                refMs = s.elapsedMs();
                break;
            }
        }
        final double segmentMsPerM = (last.elapsedMs() - refMs) / (distance - refM);
        final double logSegment = clamp(Math.log(segmentMsPerM / msPerM), -0.3, 0.5);
        final double remainingM = Math.max(0, courseDistanceM - distance);
        final double female = profile.sex() == Sex.F ? 1 : profile.sex() == Sex.M ? 0 : 0.5;
        final Integer age = profile.age();
        return new Raw(distance * Courses.MARATHON_M / courseDistanceM, remainingM, remainingM * msPerM,
                Math.log(msPerM), logSegment, female, age == null ? 0 : clamp((age - 40) / 10.0, -2, 4),
                age == null ? 1 : 0);
    }

    /**
     * Fills {@code out} with the feature vector: first one "hat" weight per pace-level knot (linear interpolation
     * between the two knots around the log pace, clamped to the outer knots, so the pace effect is a free
     * piecewise-linear curve), then the {@link #EXTRA} other features.
     */
    static void vector(final Raw raw, final double[] knots, final double[] out) {
        Arrays.fill(out, 0, knots.length, 0);
        final int j = knotBelow(raw.logPace(), knots);
        final double u = knotWeight(raw.logPace(), knots, j);
        out[j] += 1 - u;
        if (u > 0) {
            out[j + 1] += u;
        }
        final double c = clamp(raw.logPace(), knots[0], knots[knots.length - 1]) - LOG_PACE_CENTRE;
        final double s = raw.logSegment();
        final int e = knots.length;
        out[e] = s;
        out[e + 1] = s * s;
        out[e + 2] = s * c;
        out[e + 3] = raw.female();
        out[e + 4] = raw.female() * c;
        out[e + 5] = raw.age();
        out[e + 6] = raw.age() * raw.age();
        out[e + 7] = raw.ageUnknown();
    }

    /** The index of the knot at or below the log pace (0 below the first, the last but one above the last). */
    static int knotBelow(final double logPace, final double[] knots) {
        if (knots.length == 1 || logPace <= knots[0]) {
            return 0;
        }
        int j = 0;
        while (j < knots.length - 2 && knots[j + 1] <= logPace) {
            j++;
        }
        return j;
    }

    /** Weight of knot j + 1 for the log pace, in [0, 1]. */
    static double knotWeight(final double logPace, final double[] knots, final int j) {
        if (knots.length == 1) {
            return 0;
        }
        return clamp((logPace - knots[j]) / (knots[j + 1] - knots[j]), 0, 1);
    }

    /** The prediction of one fit, given the knot position: the dot product without building the vector. */
    static double predict(final Raw raw, final double[] knots, final int j, final double u, final double[] beta) {
        final double c = clamp(raw.logPace(), knots[0], knots[knots.length - 1]) - LOG_PACE_CENTRE;
        final double s = raw.logSegment();
        final int e = knots.length;
        final double level = knots.length == 1 ? beta[0] : beta[j] * (1 - u) + beta[j + 1] * u;
        return level + beta[e] * s + beta[e + 1] * s * s + beta[e + 2] * s * c
                + beta[e + 3] * raw.female() + beta[e + 4] * raw.female() * c + beta[e + 5] * raw.age()
                + beta[e + 6] * raw.age() * raw.age() + beta[e + 7] * raw.ageUnknown();
    }

    static double clamp(final double v, final double lo, final double hi) {
        return v < lo ? lo : v > hi ? hi : v;
    }
}
