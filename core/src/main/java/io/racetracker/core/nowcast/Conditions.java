package io.racetracker.core.nowcast;

import io.racetracker.core.model.FinishForecast;
import java.util.Locale;

/**
 * The day as the field ahead has shown it so far ({@link DayEffect#conditions()}): per stretch between two mats and
 * pace level, by how much (in log terms, shrunk by the evidence) the model's projection of everything that was left
 * had to be revised over that stretch. A projection from mat {@code m} is corrected by the stretches still ahead of
 * it; the stretches behind it are already in its splits. Immutable.
 *
 * @param matsM       the mats after the start, the finish last
 * @param effect      [stretch][level]: the shrunk revision, 0 where nothing is known
 * @param runners     per stretch, the runners counted over it
 * @param fieldMedian per stretch, the median revision of the whole field, not shrunk (0 where nobody ran it)
 * @param fieldSpread per stretch, half the 10%-90% range of the field's revisions: how wide the misses are
 */
public record Conditions(double[] matsM, double[][] effect, long[] runners, double[] fieldMedian,
                         double[] fieldSpread, NowcastSettings settings) {

    /**
     * The factor on the median remaining time of a runner at mat {@code from} of pace level {@code level}: each
     * stretch ahead adds its revision, on the share of the remaining time still to run at its start.
     */
    public double remainingFactor(final int from, final int level) {
        final double course = matsM[matsM.length - 1];
        final double left = course - matsM[from];
        double factor = 1;
        for (int s = from; s < effect.length; s++) {
            factor += (course - matsM[s]) / left * Math.expm1(effect[s][level]);
        }
        return Math.max(0.5, factor);
    }

    /**
     * How much of the rest of the course, from mat {@code from}, the day is known on: each stretch ahead weighs its
     * share of the remaining distance, times the share of its estimate that is evidence rather than shrinkage.
     */
    public double known(final int from) {
        final double course = matsM[matsM.length - 1];
        double known = 0;
        double all = 0;
        for (int s = from; s < effect.length; s++) {
            final double share = course - matsM[s];
            all += share;
            known += share * runners[s] / (runners[s] + settings.evidence());
        }
        return all > 0 ? known / all : 0;
    }

    /**
     * A fixed model's forecast at mat {@code from}, corrected for the day: the centre moves by what the stretches
     * ahead have shown, and the band, which also holds how much race days differ, narrows towards
     * {@link NowcastSettings#bandFloor} of its width as the day on the rest of the course becomes known.
     */
    public FinishForecast correct(final FinishForecast fixed, final int from, final double courseM) {
        return correct(fixed, from, courseM, 1);
    }

    /**
     * As {@link #correct(FinishForecast, int, double)} on a course whose band the model widens by
     * {@code courseScale} (its {@code courseBandScale}: what a course it was not fitted on adds): the widening goes
     * as the field ahead shows the course, in step with how much of the rest of it is known.
     */
    public FinishForecast correct(final FinishForecast fixed, final int from, final double courseM,
                                  final double courseScale) {
        if (fixed.medianRemainingMs() == 0 || from < 0 || from >= effect.length) {
            return fixed.withSpreadScaled(courseScale);
        }
        final int level = settings.level(fixed.projectedFinishMs() / courseM);
        final double factor = remainingFactor(from, level);
        final double known = known(from);
        final double band = (1 + (courseScale - 1) * (1 - known)) * (1 - (1 - settings.bandFloor()) * known);
        return fixed.withMedianRemaining(fixed.medianRemainingMs() * factor).withSpreadScaled(band);
    }

    /** The furthest mat whose stretch from it someone has run; -1 when nobody has run a stretch yet. */
    public int furthestKnown() {
        for (int s = runners.length - 1; s >= 0; s--) {
            if (runners[s] > 0) {
                return s + 1;
            }
        }
        return -1;
    }

    /**
     * How much slower (+) or faster (-) than the model the field has run so far, as a share of the time from the
     * first mat to the furthest known mat: the field's median revisions, each on its stretch's share.
     */
    public double fieldSlowdown() {
        final int furthest = furthestKnown();
        if (furthest < 0) {
            return 0;
        }
        final double course = matsM[matsM.length - 1];
        double factor = 1;
        for (int s = 0; s < furthest; s++) {
            factor += (course - matsM[s]) / (course - matsM[0]) * Math.expm1(fieldMedian[s]);
        }
        return factor - 1;
    }

    /** One line for people: "the field is running 3.1% slower than projected after 20.0 km (1,234 runners)". */
    public String summary() {
        final int furthest = furthestKnown();
        if (furthest < 0) {
            return "no runner has run a stretch between two mats yet";
        }
        final double slowdown = fieldSlowdown();
        return String.format(Locale.ROOT, "the field is running %.1f%% %s than projected after %.1f km (%,d runners)",
                100 * Math.abs(slowdown), slowdown >= 0 ? "slower" : "faster", matsM[furthest] / 1000,
                runners[furthest - 1]);
    }
}
