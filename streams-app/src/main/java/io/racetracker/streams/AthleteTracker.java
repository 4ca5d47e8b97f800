package io.racetracker.streams;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.DeadLetter.Reason;
import io.racetracker.core.event.RaceAlert;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.event.TimingPoint;
import io.racetracker.core.projection.Projector;
import io.racetracker.core.topic.Keys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Keeps each athlete's accepted splits in the {@code athlete-splits} store and projects from them. A duplicate
 * read counts once; a late read takes its place in course order and the latest state is recomputed; a read that
 * cannot be true (unknown race, athlete or mat, beyond the course, time running backwards, faster than any human)
 * is rejected with its reason. Raises the athlete's alerts, rate-limits broadcast lines, gives up athletes
 * who fall silent as did-not-finish, and passes on to the race boards the state changes they can use
 * ({@link BoardShortlist}). The athlete's registration comes from the same store record ({@link AthleteRegistry}).
 */
final class AthleteTracker implements Processor<String, ParsedSplit, String, TrackerOutput> {
    /** Faster than this between two mats is not a human on foot: 2:20/km, well under every world record pace. */
    static final double FASTEST_PLAUSIBLE_SEC_PER_KM = 140.0;
    /** A read's distance may differ this much from the course's for its mat before it is rejected. */
    static final double DISTANCE_TOLERANCE_M = 100.0;

    private final Projector projector;
    private final TrackerOptions options;
    private final AthleteAlerts alerts;
    private SilenceWatch silence;
    private BoardShortlist shortlist;
    private KeyValueStore<String, AthleteHistory> store;
    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<Course>> courses;
    private ProcessorContext<String, TrackerOutput> context;

    AthleteTracker(final Projector projector, final TrackerOptions options) {
        this.projector = projector;
        this.options = options;
        this.alerts = new AthleteAlerts(options.chanceThresholds());
    }

    @Override
    public void init(final ProcessorContext<String, TrackerOutput> context) {
        this.context = context;
        this.store = context.getStateStore(TrackerTopology.ATHLETE_SPLITS_STORE);
        this.courses = context.getStateStore(TrackerTopology.COURSES_STORE);
        rebuild();
        context.schedule(options.silenceCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::giveUpSilentAthletes);
    }

    @Override
    public void process(final Record<String, ParsedSplit> record) {
        forward(record.withValue(track(record.key(), record.value())));
    }

    /** Forwards the output with the updates the race's boards must hear of it. */
    private void forward(final Record<String, TrackerOutput> record) {
        final TrackerOutput out = record.value();
        final List<BoardUpdate> boardUpdates = out.state() == null ? List.of() : shortlist.offer(BoardUpdate.of(out.state()));
        context.forward(boardUpdates.isEmpty() ? record : record.withValue(out.withBoardUpdates(boardUpdates)));
    }

    private TrackerOutput track(final String athleteKey, final ParsedSplit read) {
        final SplitEvent split = read.split();
        final Course course = read.course();
        if (course == null) {
            return TrackerOutput.rejected(read.reject(athleteKey, Reason.UNKNOWN_RACE,
                    "race '" + split.raceId() + "' is not registered on race-courses"));
        }
        final AthleteHistory history = Optional.ofNullable(store.get(athleteKey)).orElse(AthleteHistory.EMPTY);
        final Athlete athlete = history.athlete();
        if (athlete == null || !athlete.raceId().equals(split.raceId())) {
            return TrackerOutput.rejected(read.reject(athleteKey, Reason.UNKNOWN_ATHLETE,
                    "athlete '" + split.athleteId() + "' is not registered for race '" + split.raceId() + "' on race-athletes"));
        }
        if (split.distanceM() > course.distanceM() + DISTANCE_TOLERANCE_M) {
            return TrackerOutput.rejected(read.reject(athleteKey, Reason.BEYOND_COURSE, "distanceM " + split.distanceM()
                    + " lies beyond the course, which ends at " + course.distanceM() + " m"));
        }
        final Optional<TimingPoint> point = course.crossing(split.timingPointId(), split.lap());
        if (point.isEmpty()) {
            return TrackerOutput.rejected(read.reject(athleteKey, Reason.UNKNOWN_TIMING_POINT, "timing point '"
                    + split.crossingId() + "' is not on the course of " + course.raceId()));
        }
        if (Math.abs(point.get().distanceM() - split.distanceM()) > DISTANCE_TOLERANCE_M) {
            return TrackerOutput.rejected(read.reject(athleteKey, Reason.INVALID_FIELD, "distanceM " + split.distanceM()
                    + " does not match timing point " + split.crossingId() + " at " + point.get().distanceM() + " m"));
        }
        silence.observe(course.raceId(), split.readAt(), context.currentSystemTimeMs());
        if (history.crossing(split.crossingId()).isPresent()) {
            final AthleteHistory counted = history.withDuplicate();
            store.put(athleteKey, counted);
            return TrackerOutput.stateOnly(stateOf(course, counted), List.of());
        }
        final SplitEvent placed = new SplitEvent(split.raceId(), split.athleteId(), split.bib(), split.timingPointId(),
                point.get().distanceM(), split.lap(), split.elapsedMs(), split.readAt(), split.gunElapsedMs());
        final Optional<Impossible> impossible = Impossible.check(history, placed);
        if (impossible.isPresent()) {
            return TrackerOutput.rejected(read.reject(athleteKey, impossible.get().reason(), impossible.get().message()));
        }
        return accept(course, athlete, history, placed);
    }

    private TrackerOutput accept(final Course course, final Athlete athlete, final AthleteHistory history,
                                 final SplitEvent placed) {
        AthleteHistory updated = history.with(placed);
        final List<SplitEvent> upTo = updated.upTo(placed);
        final AthleteProjection projection = projector.project(course, LiveText.shown(athlete), upTo, placed)
                .withCounts(upTo.size(), updated.duplicates());
        final boolean latest = placed == updated.latest();
        final AthleteProjection state = latest ? projection.withCounts(updated.splits().size(), updated.duplicates())
                : stateOf(course, updated);
        // a late read changes the history, not what is happening now: it raises no alert and no broadcast;
        // pacemakers are tracked, but their race is not news
        final boolean news = latest && !athlete.pacemaker();
        final List<RaceAlert> raised = news ? alerts.between(history.standing(), state, course) : List.of();
        final boolean broadcastDue = news && (state.status() == AthleteStatus.FINISHED || history.lastBroadcastAt() == null
                || Duration.between(history.lastBroadcastAt(), placed.readAt()).compareTo(options.broadcastInterval()) >= 0);
        if (broadcastDue) {
            updated = updated.withBroadcastAt(placed.readAt());
        }
        store.put(athlete.key(), updated.withStanding(AthleteHistory.Standing.of(state)));
        watchForSilence(state);
        return new TrackerOutput(projection, state, raised, broadcastDue ? LiveText.broadcast(state, course.units()) : null, null);
    }

    private AthleteProjection stateOf(final Course course, final AthleteHistory history) {
        return stateOf(projector, course, history);
    }

    /** An athlete's latest state, as published on {@code athlete-state}, from the history in the store. */
    static AthleteProjection stateOf(final Projector projector, final Course course, final AthleteHistory history) {
        final AthleteProjection state = projector.project(course, LiveText.shown(history.athlete()), history.splits(),
                        history.latest())
                .withCounts(history.splits().size(), history.duplicates());
        return history.dnf() && state.status() == AthleteStatus.ON_COURSE ? state.withStatus(AthleteStatus.DNF) : state;
    }

    private void watchForSilence(final AthleteProjection state) {
        final String key = Keys.athlete(state.raceId(), state.athleteId());
        if (state.status() != AthleteStatus.ON_COURSE) {
            silence.forget(key);
            return;
        }
        final long toNextMs = state.etaNextMs() == null ? 0 : state.etaNextMs() - state.elapsedMs();
        final long allowedMs = Math.max(options.dnfSilence().toMillis(), 3 * toNextMs);
        silence.watch(key, state.raceId(), state.readAt().toEpochMilli() + allowedMs);
    }

    /**
     * Derives what this task keeps in memory from the store, dropping whatever an earlier life of the task held:
     * the silence deadlines and the shortlists of the race boards.
     */
    private void rebuild() {
        silence = new SilenceWatch();
        shortlist = new BoardShortlist(options.leaderboardSize());
        try (KeyValueIterator<String, AthleteHistory> all = store.all()) {
            while (all.hasNext()) {
                final KeyValue<String, AthleteHistory> entry = all.next();
                final AthleteHistory history = entry.value;
                if (history.splits().isEmpty()) {
                    continue;
                }
                final SplitEvent last = history.latest();
                final Optional<AthleteProjection> state = courseOf(history)
                        .map(course -> stateOf(course, history));
                state.filter(s -> !s.pacemaker()).ifPresent(s -> shortlist.restore(BoardUpdate.of(s)));
                if (!history.dnf()) {
                    silence.observe(last.raceId(), last.readAt(), context.currentSystemTimeMs());
                    state.ifPresent(this::watchForSilence);
                }
            }
        }
    }

    private void giveUpSilentAthletes(final long wallMs) {
        for (final String athleteKey : silence.overdue(wallMs)) {
            final AthleteHistory history = store.get(athleteKey);
            if (history == null || history.splits().isEmpty()) {
                continue;
            }
            courseOf(history).ifPresent(course -> {
                final AthleteHistory given = history.withDnf();
                store.put(athleteKey, given);
                final AthleteProjection state = stateOf(course, given);
                if (state.pacemaker()) {
                    // stepping off is a pacemaker's job done, not news
                    forward(new Record<>(athleteKey, TrackerOutput.stateOnly(state, List.of()), wallMs));
                    return;
                }
                final RaceAlert alert = AthleteAlerts.alert(RaceAlert.Type.DID_NOT_FINISH, state, null,
                        LiveText.shortName(state.name()) + " did not finish: no read since " + LiveText.place(state, course.units())
                                + " at " + state.display().elapsed());
                forward(new Record<>(athleteKey, TrackerOutput.stateOnly(state, new ArrayList<>(List.of(alert))), wallMs));
            });
        }
    }

    /** The course of the athlete's latest split, when the athlete is (still) registered and the course known. */
    private Optional<Course> courseOf(final AthleteHistory history) {
        final ValueAndTimestamp<Course> course = courses.get(history.latest().raceId());
        return history.athlete() == null || course == null ? Optional.empty() : Optional.of(course.value());
    }
}
