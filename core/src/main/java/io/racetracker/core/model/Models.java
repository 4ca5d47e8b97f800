package io.racetracker.core.model;

/** The model the live tracker runs. One place to choose it, so the streams app, demo and backtest agree. */
public final class Models {
    private static final FinishTimeModel LIVE = FittedModel.fromResource();

    private Models() {
    }

    /**
     * The model used live and in the backtest: the fitted model of the committed resource, fitted on Boston 2021-2023
     * (the same method fitted on two of those years cuts the even-pace error on the third by 31-45%; see
     * docs/model.md). {@link EvenPaceModel} stays as the baseline.
     */
    public static FinishTimeModel live() {
        return LIVE;
    }
}
