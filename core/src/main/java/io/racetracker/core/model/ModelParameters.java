package io.racetracker.core.model;

import java.util.List;

/**
 * The fitted model's parameters, as kept in the committed resource {@code finish-model.json}.
 *
 * @param description   what the model is, in one line
 * @param fittedOn      the results files it was fitted on (names only)
 * @param runners       finishers used
 * @param features      names of the regression features after the pace-level knots, in coefficient order
 * @param probabilities the probabilities at which residual quantiles are kept
 * @param distances     one fit per split distance, in increasing distance
 * @param elitePrior    what the model assumes beyond the fastest paces it was fitted on
 * @param dayEffectFrom other results files used only to estimate the race-day spread (never fitted on)
 */
public record ModelParameters(String description, List<String> fittedOn, int runners, List<String> features,
                              double[] probabilities, List<DistanceFit> distances, ElitePrior elitePrior,
                              List<String> dayEffectFrom) {

    /**
     * Paced record attempts (Vienna 2019: sub-2:00 behind rotating pacemakers and a laser car) are faster than any
     * runner in mass-race results, which cannot say how such a runner fades. Beyond the fastest pace-level knot the
     * model moves, linearly in log pace, from what the data say towards this prior: even pace from here on, with
     * the fastest bin's residual spread scaled by {@code spreadScale}. A set prior, not fitted.
     *
     * @param startLogPace log pace (s/km) where the blend starts: the fastest knot of the fit
     * @param fullLogPace  log pace (s/km) from which the prior holds fully
     * @param spreadScale  factor on the spread under the prior
     */
    public record ElitePrior(double startLogPace, double fullLogPace, double spreadScale) {
        /** Weight of the prior at a log pace, in [0, 1]. */
        public double weight(final double logPace) {
            if (logPace >= startLogPace) {
                return 0;
            }
            if (logPace <= fullLogPace) {
                return 1;
            }
            return (startLogPace - logPace) / (startLogPace - fullLogPace);
        }
    }

    /**
     * The fit at one split distance (on a marathon).
     *
     * @param distanceM     the split distance
     * @param runners       finishers with a read here
     * @param binCentres    log paces (s/km) of the pace-level bins, increasing: the knots of the pace effect; paces
     *                      outside them are treated as the outer knot
     * @param coefficients  regression of the fade ratio: one level per knot, then the other features
     * @param quantiles     per bin, the residual quantiles at {@link ModelParameters#probabilities()}, the race-day
     *                      component included
     * @param raceDaySd     standard deviation (log scale) of a race's median residual from year to year on the same
     *                      course, convolved into the quantiles; 0 or null (older files) when not estimated
     */
    public record DistanceFit(double distanceM, int runners, double[] binCentres, double[] coefficients,
                              double[][] quantiles, Double raceDaySd) {
    }
}
