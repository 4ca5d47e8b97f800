package io.racetracker.streams.athlete;

import io.racetracker.core.event.DeadLetter.Reason;
import io.racetracker.core.event.SplitEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Why a read cannot sit between the athlete's accepted splits: time running backwards, or a pace no human runs.
 *
 * @param reason  dead-letter code
 * @param message what was wrong, with the figures
 */
record Impossible(Reason reason, String message) {

    static Optional<Impossible> check(final AthleteHistory history, final SplitEvent split) {
        // checked on every read: the previous split's figures taken without boxing them
        final SplitEvent previous = history.before(split.distanceM()).orElse(null);
        final double previousM = previous == null ? 0.0 : previous.distanceM();
        final long previousMs = previous == null ? 0L : previous.elapsedMs();
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

    /**
     * The one earlier split that a read contradicts, when it is the odd one out: without it the read fits the
     * athlete's other splits, and the history with the read instead of it runs more evenly than the history as it is.
     * A read 60 minutes late at 25 km is possible on its own (people walk), but once the 30 km read says otherwise, the
     * 25 km read is the one that does not fit. Empty when the read is the odd one, when more than one split would have
     * to go, or when the split in question is the finish (a finish is taken back only by an operator's correction).
     */
    static Optional<SplitEvent> oddOneOut(final AthleteHistory history, final SplitEvent read, final double finishM) {
        SplitEvent odd = null;
        for (final SplitEvent candidate : history.splits()) {
            if (candidate.distanceM() >= finishM - 0.5) {
                continue;
            }
            if (check(history.without(candidate), read).isEmpty()) {
                if (odd != null) {
                    return Optional.empty();
                }
                odd = candidate;
            }
        }
        if (odd == null) {
            return Optional.empty();
        }
        final AthleteHistory instead = history.without(odd).with(read);
        return unevenness(instead.splits()) < unevenness(history.splits()) ? Optional.of(odd) : Optional.empty();
    }

    /** How far the most uneven stretch runs from the athlete's typical pace: max |ln(pace / median pace)|. */
    static double unevenness(final List<SplitEvent> splits) {
        final double[] paces = new double[splits.size()];
        double previousM = 0;
        long previousMs = 0;
        for (int i = 0; i < paces.length; i++) {
            final SplitEvent split = splits.get(i);
            paces[i] = (split.elapsedMs() - previousMs) / Math.max(1.0, split.distanceM() - previousM);
            previousM = split.distanceM();
            previousMs = split.elapsedMs();
        }
        final double[] sorted = paces.clone();
        Arrays.sort(sorted);
        final double median = sorted[sorted.length / 2];
        double worst = 0;
        for (final double pace : paces) {
            worst = Math.max(worst, Math.abs(Math.log(Math.max(pace, 1e-9) / median)));
        }
        return worst;
    }

    private static Optional<Impossible> tooFast(final double metres, final long millis) {
        final double secPerKm = (millis / 1000.0) / (metres / 1000.0);
        return secPerKm < AthleteTracker.FASTEST_PLAUSIBLE_SEC_PER_KM
                ? Optional.of(new Impossible(Reason.IMPOSSIBLE_PACE, String.format(Locale.ROOT, "impossible pace: %.0f m in %.1f s is"
                        + " %.0f s/km, faster than the %.0f s/km limit", metres, millis / 1000.0, secPerKm,
                        AthleteTracker.FASTEST_PLAUSIBLE_SEC_PER_KM)))
                : Optional.empty();
    }
}
