package io.racetracker.core.model;

/** The model the live tracker runs. One place to choose it, so the streams app, demo and backtest agree. */
public final class Models {
    private Models() {
    }

    /** The model used live and in the backtest. */
    public static FinishTimeModel live() {
        return new EvenPaceModel();
    }
}
