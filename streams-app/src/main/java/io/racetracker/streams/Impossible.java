package io.racetracker.streams;

import io.racetracker.core.event.DeadLetter.Reason;
import io.racetracker.core.event.SplitEvent;
import java.util.Optional;

/**
 * Why a read cannot sit between the athlete's accepted splits: time running backwards, or a pace no human runs.
 *
 * @param reason  dead-letter code
 * @param message what was wrong, with the figures
 */
record Impossible(Reason reason, String message) {

    static Optional<Impossible> check(final AthleteHistory history, final SplitEvent split) {
        final Optional<SplitEvent> previous = history.before(split.distanceM());
        final double previousM = previous.map(SplitEvent::distanceM).orElse(0.0);
        final long previousMs = previous.map(SplitEvent::elapsedMs).orElse(0L);
        if (split.elapsedMs() <= previousMs) {
            return Optional.of(new Impossible(Reason.TIME_BACKWARDS, "time runs backwards: " + split.elapsedMs()
                    + " ms at " + split.crossingId() + " is not after " + previousMs + " ms at " + previousM + " m"));
        }
        final Optional<SplitEvent> next = history.after(split.distanceM());
        if (next.isPresent() && next.get().elapsedMs() <= split.elapsedMs()) {
            return Optional.of(new Impossible(Reason.TIME_BACKWARDS, "time runs backwards: " + split.elapsedMs()
                    + " ms at " + split.crossingId() + " is not before " + next.get().elapsedMs() + " ms at "
                    + next.get().crossingId()));
        }
        final Optional<Impossible> fromPrevious = tooFast(split.distanceM() - previousM, split.elapsedMs() - previousMs);
        if (fromPrevious.isPresent()) {
            return fromPrevious;
        }
        return next.flatMap(n -> tooFast(n.distanceM() - split.distanceM(), n.elapsedMs() - split.elapsedMs()));
    }

    private static Optional<Impossible> tooFast(final double metres, final long millis) {
        final double secPerKm = (millis / 1000.0) / (metres / 1000.0);
        return secPerKm < AthleteTracker.FASTEST_PLAUSIBLE_SEC_PER_KM
                ? Optional.of(new Impossible(Reason.IMPOSSIBLE_PACE, String.format("impossible pace: %.0f m in %.1f s is"
                        + " %.0f s/km, faster than the %.0f s/km limit", metres, millis / 1000.0, secPerKm,
                        AthleteTracker.FASTEST_PLAUSIBLE_SEC_PER_KM)))
                : Optional.empty();
    }
}
