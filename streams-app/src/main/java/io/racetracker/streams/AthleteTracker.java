package io.racetracker.streams;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.DeadLetter.Reason;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.event.TimingPoint;
import io.racetracker.core.projection.Projector;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each athlete's accepted splits in the {@code athlete-splits} store and projects from them. A duplicate
 * read counts once; a late read takes its place in course order and the latest projection is recomputed; a read
 * that cannot be true (unknown race, athlete or mat, beyond the course, time running backwards, faster than any
 * human) is rejected with its reason.
 */
final class AthleteTracker implements FixedKeyProcessor<String, ParsedSplit, TrackerOutput> {
    /** Faster than this between two mats is not a human on foot: 2:20/km, well under every world record pace. */
    static final double FASTEST_PLAUSIBLE_SEC_PER_KM = 140.0;
    /** A read's distance may differ this much from the course's for its mat before it is rejected. */
    static final double DISTANCE_TOLERANCE_M = 100.0;

    private final String storeName;
    private final Projector projector;
    private KeyValueStore<String, AthleteHistory> store;
    private FixedKeyProcessorContext<String, TrackerOutput> context;

    AthleteTracker(final String storeName, final Projector projector) {
        this.storeName = storeName;
        this.projector = projector;
    }

    @Override
    public void init(final FixedKeyProcessorContext<String, TrackerOutput> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(final FixedKeyRecord<String, ParsedSplit> record) {
        context.forward(record.withValue(track(record.key(), record.value())));
    }

    private TrackerOutput track(final String athleteId, final ParsedSplit read) {
        final SplitEvent split = read.split();
        final Course course = read.course();
        final Athlete athlete = read.athlete();
        if (course == null) {
            return TrackerOutput.rejected(read.reject(athleteId, Reason.UNKNOWN_RACE,
                    "race '" + split.raceId() + "' is not registered on race-courses"));
        }
        if (athlete == null || !athlete.raceId().equals(split.raceId())) {
            return TrackerOutput.rejected(read.reject(athleteId, Reason.UNKNOWN_ATHLETE,
                    "athlete '" + athleteId + "' is not registered for race '" + split.raceId() + "' on race-athletes"));
        }
        if (split.distanceM() > course.distanceM() + DISTANCE_TOLERANCE_M) {
            return TrackerOutput.rejected(read.reject(athleteId, Reason.BEYOND_COURSE, "distanceM " + split.distanceM()
                    + " lies beyond the course, which ends at " + course.distanceM() + " m"));
        }
        final Optional<TimingPoint> point = course.crossing(split.timingPointId(), split.lap());
        if (point.isEmpty()) {
            return TrackerOutput.rejected(read.reject(athleteId, Reason.UNKNOWN_TIMING_POINT, "timing point '"
                    + split.crossingId() + "' is not on the course of " + course.raceId()));
        }
        if (Math.abs(point.get().distanceM() - split.distanceM()) > DISTANCE_TOLERANCE_M) {
            return TrackerOutput.rejected(read.reject(athleteId, Reason.INVALID_FIELD, "distanceM " + split.distanceM()
                    + " does not match timing point " + split.crossingId() + " at " + point.get().distanceM() + " m"));
        }

        final AthleteHistory history = Optional.ofNullable(store.get(athleteId)).orElse(AthleteHistory.EMPTY);
        if (history.crossing(split.crossingId()).isPresent()) {
            final AthleteHistory counted = history.withDuplicate();
            store.put(athleteId, counted);
            return TrackerOutput.duplicate(latestState(course, athlete, counted));
        }
        final SplitEvent placed = new SplitEvent(split.raceId(), split.athleteId(), split.bib(), split.timingPointId(),
                point.get().distanceM(), split.lap(), split.elapsedMs(), split.readAt());
        final Optional<String> impossible = impossibility(history, placed);
        if (impossible.isPresent()) {
            return TrackerOutput.rejected(read.reject(athleteId,
                    impossible.get().startsWith("time") ? Reason.TIME_BACKWARDS : Reason.IMPOSSIBLE_PACE,
                    impossible.get()));
        }

        final AthleteHistory updated = history.with(placed);
        store.put(athleteId, updated);
        final AthleteProjection projection = projector.project(course, athlete, updated.upTo(placed), placed)
                .withCounts(updated.upTo(placed).size(), updated.duplicates());
        final AthleteProjection state = placed == updated.latest()
                ? projection.withCounts(updated.splits().size(), updated.duplicates())
                : latestState(course, athlete, updated);
        return TrackerOutput.accepted(projection, state);
    }

    private AthleteProjection latestState(final Course course, final Athlete athlete, final AthleteHistory history) {
        return projector.project(course, athlete, history.splits(), history.latest())
                .withCounts(history.splits().size(), history.duplicates());
    }

    /** Why the read cannot sit between its neighbours, if it cannot. */
    private static Optional<String> impossibility(final AthleteHistory history, final SplitEvent split) {
        final double previousM = history.before(split.distanceM()).map(SplitEvent::distanceM).orElse(0.0);
        final long previousMs = history.before(split.distanceM()).map(SplitEvent::elapsedMs).orElse(0L);
        if (split.elapsedMs() <= previousMs) {
            return Optional.of("time runs backwards: " + split.elapsedMs() + " ms at " + split.crossingId()
                    + " is not after " + previousMs + " ms at " + previousM + " m");
        }
        final Optional<SplitEvent> next = history.after(split.distanceM());
        if (next.isPresent() && next.get().elapsedMs() <= split.elapsedMs()) {
            return Optional.of("time runs backwards: " + split.elapsedMs() + " ms at " + split.crossingId()
                    + " is not before " + next.get().elapsedMs() + " ms at " + next.get().crossingId());
        }
        final Optional<String> fromPrevious = tooFast(split.distanceM() - previousM, split.elapsedMs() - previousMs);
        if (fromPrevious.isPresent()) {
            return fromPrevious;
        }
        return next.flatMap(n -> tooFast(n.distanceM() - split.distanceM(), n.elapsedMs() - split.elapsedMs()));
    }

    private static Optional<String> tooFast(final double metres, final long millis) {
        final double secPerKm = (millis / 1000.0) / (metres / 1000.0);
        return secPerKm < FASTEST_PLAUSIBLE_SEC_PER_KM
                ? Optional.of(String.format("impossible pace: %.0f m in %.1f s is %.0f s/km, faster than the %.0f s/km"
                        + " limit", metres, millis / 1000.0, secPerKm, FASTEST_PLAUSIBLE_SEC_PER_KM))
                : Optional.empty();
    }
}
