package io.racetracker.core.model;

import java.util.List;

/**
 * The fitted model's parameters, as kept in the committed resource {@code finish-model.json}.
 *
 * @param description   what the model is, in one line
 * @param fittedOn      the results files it was fitted on (names only)
 * @param runners       finishers used
 * @param features      names of the regression features, in coefficient order
 * @param probabilities the probabilities at which residual quantiles are kept
 * @param distances     one fit per split distance, in increasing distance
 */
public record ModelParameters(String description, List<String> fittedOn, int runners, List<String> features,
                              double[] probabilities, List<DistanceFit> distances) {

    /**
     * The fit at one split distance (on a marathon).
     *
     * @param distanceM     the split distance
     * @param runners       finishers with a read here
     * @param coefficients  regression of the fade ratio on the features
     * @param logPaceMin    the fastest log pace (s/km) seen here; faster runners are treated as this fast
     * @param logPaceMax    the slowest log pace seen here
     * @param binCentres    log paces of the pace-level bins, increasing
     * @param quantiles     per bin, the residual quantiles at {@link ModelParameters#probabilities()}
     */
    public record DistanceFit(double distanceM, int runners, double[] coefficients, double logPaceMin,
                              double logPaceMax, double[] binCentres, double[][] quantiles) {
    }
}
