package io.racetracker.core.model;

import io.racetracker.core.event.Sex;
import io.racetracker.core.race.Courses;
import java.util.List;

/**
 * What the fitted model sees at a split, computed the same way when fitting and when predicting.
 *
 * <p>The target is the fade ratio {@code log(remaining time / even-pace remaining time)}. The features are the
 * log of the average pace so far (the pace level), the log of the latest segment's pace over the average pace (a
 * segment of at least {@value #MIN_SEGMENT_M} m, so a missed mat only lengthens it), sex and age.
 */
final class Features {
    /** Number of entries in a feature vector. */
    static final int SIZE = 11;
    static final String[] NAMES = {"intercept", "logPace", "logPace^2", "logSegment", "logSegment^2",
        "logSegment*logPace", "female", "female*logPace", "age", "age^2", "ageUnknown"};
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

    /** Fills {@code out} with the feature vector, the log pace clamped to the range the fit saw. */
    static void vector(final Raw raw, final double logPaceMin, final double logPaceMax, final double[] out) {
        final double c = clamp(raw.logPace(), logPaceMin, logPaceMax) - LOG_PACE_CENTRE;
        final double s = raw.logSegment();
        out[0] = 1;
        out[1] = c;
        out[2] = c * c;
        out[3] = s;
        out[4] = s * s;
        out[5] = s * c;
        out[6] = raw.female();
        out[7] = raw.female() * c;
        out[8] = raw.age();
        out[9] = raw.age() * raw.age();
        out[10] = raw.ageUnknown();
    }

    /** The prediction of one fit: the dot product of its coefficients and the feature vector, without an array. */
    static double predict(final Raw raw, final double logPaceMin, final double logPaceMax, final double[] beta) {
        final double c = clamp(raw.logPace(), logPaceMin, logPaceMax) - LOG_PACE_CENTRE;
        final double s = raw.logSegment();
        return beta[0] + beta[1] * c + beta[2] * c * c + beta[3] * s + beta[4] * s * s + beta[5] * s * c
                + beta[6] * raw.female() + beta[7] * raw.female() * c + beta[8] * raw.age()
                + beta[9] * raw.age() * raw.age() + beta[10] * raw.ageUnknown();
    }

    static double clamp(final double v, final double lo, final double hi) {
        return v < lo ? lo : v > hi ? hi : v;
    }
}
