package io.racetracker.core.model;

/** The model the live tracker runs. One place to choose it, so the streams app, demo and backtest agree. */
public final class Models {
    private static final FinishTimeModel LIVE = FittedModel.fromResource();

    private Models() {
    }

    /**
     * The model used live and in the backtest: the fitted model of the committed resource (on held-out Boston 2023
     * it halves the even-pace error at most splits; see docs/model.md). {@link EvenPaceModel} stays as the baseline.
     */
    public static FinishTimeModel live() {
        return LIVE;
    }
}
