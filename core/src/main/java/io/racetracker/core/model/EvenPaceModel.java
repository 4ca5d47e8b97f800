package io.racetracker.core.model;

import java.util.List;

/**
 * The baseline trackers use today: average pace so far held to the finish. Its band widens with the share of the
 * course still to run. Kept as the yardstick the fitted model is measured against.
 */
public final class EvenPaceModel implements FinishTimeModel {
    /** Log-sigma of the remaining time when the whole course is still ahead. */
    private final double sigmaAtStart;

    public EvenPaceModel(final double sigmaAtStart) {
        this.sigmaAtStart = sigmaAtStart;
    }

    public EvenPaceModel() {
        this(0.10);
    }

    @Override
    public FinishForecast forecast(final List<Split> splits, final double courseDistanceM, final RunnerProfile profile) {
        if (splits.isEmpty()) {
            throw new IllegalArgumentException("at least one split is needed");
        }
        final Split last = splits.get(splits.size() - 1);
        final double remainingM = Math.max(0, courseDistanceM - last.distanceM());
        if (remainingM < 1) {
            return FinishForecast.finished(last.elapsedMs());
        }
        final double msPerM = last.elapsedMs() / last.distanceM();
        final double share = remainingM / courseDistanceM;
        return new FinishForecast(last.elapsedMs(), remainingM * msPerM, sigmaAtStart * Math.sqrt(share));
    }
}
