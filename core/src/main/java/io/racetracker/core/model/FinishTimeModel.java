package io.racetracker.core.model;

import java.util.List;

/** Predicts a finish-time distribution from the splits an athlete has run so far. Implementations are thread-safe. */
public interface FinishTimeModel {

    /**
     * @param splits       the splits so far in increasing distance; any subset of the course's mats (reads get missed)
     * @param courseDistanceM distance of the whole course in metres
     * @param profile      what else is known about the runner
     * @return the forecast; {@link FinishForecast#finished(long)} once a split is at the finish
     */
    FinishForecast forecast(List<Split> splits, double courseDistanceM, RunnerProfile profile);

    /**
     * The projected finish alone: {@link FinishForecast#projectedFinishMs()} of {@link #forecast} with the same
     * arguments, exactly, for a caller that needs nothing of the band.
     */
    default long projectedFinishMs(final List<Split> splits, final double courseDistanceM, final RunnerProfile profile) {
        return forecast(splits, courseDistanceM, profile).projectedFinishMs();
    }

    /**
     * The factor on the band of a forecast from {@code distanceM} in race {@code raceId}: above 1 on a course the
     * model was not fitted on, for what such a course adds before its field has shown it; 1 by default.
     */
    default double courseBandScale(final String raceId, final double distanceM) {
        return 1;
    }
}
