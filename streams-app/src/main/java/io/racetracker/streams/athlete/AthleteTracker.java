package io.racetracker.streams.athlete;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.event.Correction;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.DeadLetter.Reason;
import io.racetracker.core.event.RaceAlert;
import io.racetracker.core.event.RaceConditions;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.event.TimingPoint;
import io.racetracker.core.event.Wave;
import io.racetracker.core.model.FinishForecast;
import io.racetracker.core.nowcast.Conditions;
import io.racetracker.core.nowcast.NowcastSettings;
import io.racetracker.core.projection.Projector;
import io.racetracker.core.race.RaceTime;
import io.racetracker.core.topic.SourceHeader;
import io.racetracker.core.topic.Topics;
import io.racetracker.streams.LiveText;
import io.racetracker.streams.StateNames;
import io.racetracker.streams.TrackerOptions;
import io.racetracker.streams.board.BoardShortlist;
import io.racetracker.streams.board.BoardUpdate;
import io.racetracker.streams.conditions.DayCounts;
import io.racetracker.streams.conditions.DayObservations;
import io.racetracker.streams.conditions.RaceConditionsBuilder;
import io.racetracker.streams.intake.AthleteInput;
import io.racetracker.streams.intake.ParsedSplit;
import io.racetracker.streams.intake.RegistrationParser;
import io.racetracker.streams.intake.SplitParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Keeps each athlete's accepted splits in the {@code athlete-splits} store and projects from them. A duplicate
 * read counts once; a late read takes its place in course order and the latest state is recomputed; a read that
 * cannot be true (unknown race, athlete or mat, beyond the course, time running backwards, faster than any human)
 * is rejected with its reason. Raises the athlete's alerts, rate-limits broadcast lines, gives up athletes
 * who fall silent as did-not-finish, and passes on to the race boards the state changes they can use
 * ({@link BoardShortlist}). Registrations from {@code race-athletes} ({@link RegistrationParser}) are kept in the
 * same store record, so a read costs one lookup; a read that comes before its athlete's registration is held there
 * (and reported as a dead letter that says so) and taken up when the registration comes.
 *
 * <p>The nowcast: each accepted read that is its athlete's latest, one mat on from the athlete's previous split, is
 * observed ({@link DayObservations}: how much the fixed model had to revise the athlete's projection over that
 * stretch; pacemakers and disqualified athletes are not observed). Every {@link TrackerOptions#conditionsInterval()}
 * of wall-clock time, each race's new observations go out as one output keyed by the race id, to the race's task
 * ({@link RaceConditionsBuilder}), which publishes the race's {@code race-conditions}; those come back through the
 * global store {@value StateNames#CONDITIONS_STORE}, and every projection is corrected by its race's latest
 * conditions. The observations not yet sent are in memory only. The output that sends them is in the same
 * transaction as the reads processed before it, so no observation is sent twice; the reads processed after the last
 * commit are processed, and observed, again after a crash, which counts them once, as their first observation was
 * never committed. What a crash (or the task moving or stopping) can lose is what one task observed in reads
 * committed since its last send: at most one interval's observations of one task.
 */
public final class AthleteTracker implements Processor<String, AthleteInput, String, TrackerOutput> {
    /** Faster than this between two mats is not a human on foot: 2:20/km, well under every world record pace. */
    static final double FASTEST_PLAUSIBLE_SEC_PER_KM = 140.0;
    /** A read's distance may differ this much from the course's for its mat before it is rejected. */
    static final double DISTANCE_TOLERANCE_M = 100.0;
    /** How far two reads of one athlete may disagree on when the athlete started before a mat's clock is doubted. */
    static final long CLOCK_TOLERANCE_MS = 5 * 60_000L;
    /** How many times slower than the athlete's pace so far a stretch may be for its read to move the race's clock. */
    static final double SLOWEST_CLOCK_STRETCH = 3.0;
    /** How long after the last gun a first read may imply its athlete started: late starters, waves not in the course. */
    static final Duration START_WINDOW = Duration.ofHours(8);
    /** How long before the first gun a first read may imply its athlete started: an early start, a gun time rounded. */
    static final Duration EARLY_START = Duration.ofHours(1);

    private final Projector projector;
    private final TrackerOptions options;
    private final AthleteAlerts alerts;
    /** Reads held for a registration are parsed again when it comes, by the same rules as on arrival. */
    private final SplitParser parser = new SplitParser();
    private SilenceWatch silence;
    private BoardShortlist shortlist;
    private KeyValueStore<String, AthleteHistory> store;
    private ReadOnlyKeyValueStore<String, Course> courses;
    private ReadOnlyKeyValueStore<String, RaceConditions> conditions;
    /** Each race's conditions as last read from the global store, rebuilt only when the store's value changes. */
    private final Map<String, Published> published = new HashMap<>();
    private final DayObservations observations;
    private ProcessorContext<String, TrackerOutput> context;

    public AthleteTracker(final Projector projector, final TrackerOptions options) {
        this.projector = projector;
        this.options = options;
        this.alerts = new AthleteAlerts(options.chanceThresholds());
        this.observations = new DayObservations(projector, NowcastSettings.DEFAULT);
    }

    /** A race's published conditions and what they say, made once per published record. */
    private record Published(RaceConditions record, Conditions conditions) {
    }

    @Override
    public void init(final ProcessorContext<String, TrackerOutput> context) {
        this.context = context;
        this.store = context.getStateStore(StateNames.ATHLETE_SPLITS_STORE);
        this.courses = context.getStateStore(StateNames.COURSES_STORE);
        this.conditions = context.getStateStore(StateNames.CONDITIONS_STORE);
        rebuild();
        context.schedule(options.silenceCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::giveUpSilentAthletes);
        if (options.nowcast()) {
            context.schedule(options.conditionsInterval(), PunctuationType.WALL_CLOCK_TIME, this::sendObservations);
        }
    }

    @Override
    public void process(final Record<String, AthleteInput> record) {
        if (record.value() instanceof AthleteInput.Read read) {
            forward(record.withValue(track(record.key(), read.split())));
        } else if (record.value() instanceof AthleteInput.Registration registration) {
            register(record, registration);
        } else if (record.value() instanceof AthleteInput.Fix fix) {
            forward(record.withValue(correct(record.key(), fix)));
        }
    }

    /**
     * Applies an operator's correction and recomputes the athlete's state from the corrected history: the state, and
     * through the race boards the results and places, follow it. A correction that cannot be applied (no such athlete,
     * no accepted read at that mat, a time that cannot be true) is a dead letter that says why.
     */
    private TrackerOutput correct(final String key, final AthleteInput.Fix fix) {
        if (fix.rejected() != null) {
            return TrackerOutput.rejected(fix.rejected());
        }
        final Correction correction = fix.correction();
        final AthleteHistory history = store.get(key);
        final Course course = courseOf(correction.raceId());
        if (history == null || history.athlete() == null || course == null) {
            return invalid(key, fix, course == null ? "race '" + correction.raceId() + "' is not registered on race-courses"
                    : "athlete '" + correction.athleteId() + "' is not registered for race '" + correction.raceId() + "'");
        }
        final AthleteHistory corrected;
        switch (correction.type()) {
            case VOID_READ -> {
                final Optional<SplitEvent> split = history.crossing(correction.crossingId());
                if (split.isEmpty()) {
                    return invalid(key, fix, "no accepted read at " + correction.crossingId() + " to void");
                }
                corrected = history.without(split.get());
            }
            case MANUAL_TIME -> {
                return enterTime(key, fix, course, history);
            }
            case DISQUALIFY -> corrected = history.withDisqualified(true);
            case REINSTATE -> corrected = history.withDisqualified(false);
            case CHANGE_CATEGORY -> corrected = history.withOverrides(overridesOf(history).withCategory(correction.category()));
            case CHANGE_WAVE -> {
                if (!course.waves().isEmpty() && course.wave(correction.wave()).isEmpty()) {
                    return invalid(key, fix, "race '" + course.raceId() + "' has no wave '" + correction.wave() + "'");
                }
                corrected = history.withOverrides(overridesOf(history).withWave(correction.wave()));
            }
            default -> throw new IllegalStateException("unknown correction " + correction.type());
        }
        if (corrected.splits().isEmpty()) {
            store.put(key, corrected);
            if (history.splits().isEmpty()) {
                return TrackerOutput.stateOnly(null, List.of());
            }
            // the athlete's only accepted read voided: no state left to show, and off the boards
            silence.forget(key);
            return TrackerOutput.gone();
        }
        final AthleteProjection state = stateOf(course, corrected);
        store.put(key, corrected.withStanding(AthleteHistory.Standing.of(state)));
        watchForSilence(key, state);
        return TrackerOutput.stateOnly(state, List.of());
    }

    /** A chip time entered by hand at a mat: taken as a read would be, replacing an accepted read there. */
    private TrackerOutput enterTime(final String key, final AthleteInput.Fix fix, final Course course,
                                    final AthleteHistory history) {
        final Correction correction = fix.correction();
        final Optional<TimingPoint> point = course.crossing(correction.timingPointId(), correction.lap());
        if (point.isEmpty()) {
            return invalid(key, fix, "timing point '" + correction.crossingId() + "' is not on the course of "
                    + course.raceId());
        }
        final AthleteHistory base = history.crossing(correction.crossingId()).map(history::without).orElse(history);
        final Athlete athlete = history.athlete();
        // the time of day it would have been read at: the athlete's own start (from their reads) plus the chip time
        final Instant started = base.splits().isEmpty()
                ? Optional.ofNullable(course.startTime()).orElse(correction.at())
                : base.latest().readAt().minusMillis(base.latest().elapsedMs());
        final SplitEvent placed = new SplitEvent(course.raceId(), athlete.athleteId(), athlete.bib(),
                correction.timingPointId(), point.get().distanceM(), correction.lap(), correction.elapsedMs(),
                started.plusMillis(correction.elapsedMs()));
        final Optional<Impossible> impossible = Impossible.check(base, placed);
        if (impossible.isPresent()) {
            return invalid(key, fix, impossible.get().message());
        }
        return accept(key, course, athlete, base, placed);
    }

    private static AthleteHistory.Overrides overridesOf(final AthleteHistory history) {
        return history.overrides() == null ? new AthleteHistory.Overrides(null, null) : history.overrides();
    }

    private static TrackerOutput invalid(final String key, final AthleteInput.Fix fix, final String reason) {
        final Correction c = fix.correction();
        return TrackerOutput.rejected(DeadLetter.of(Reason.INVALID_CORRECTION, "correction " + c.correctionId() + " ("
                + c.type() + " by " + c.operator() + ") not applied: " + reason, Topics.RACE_CORRECTIONS.name(),
                fix.partition(), fix.offset(), key, fix.raw(), c.raceId(), c.athleteId()));
    }

    /**
     * Keeps a registration with the athlete's history (a new one applies from the next read on; a tombstone removes
     * it and keeps the splits), reports the fields it left out, and takes up the reads held for it.
     */
    private void register(final Record<String, AthleteInput> record, final AthleteInput.Registration registration) {
        if (registration.rejected() != null) {
            forward(record.withValue(TrackerOutput.rejected(registration.rejected())));
            return;
        }
        final String key = record.key();
        final AthleteHistory history = store.get(key);
        if (history == null && registration.tombstone()) {
            return;
        }
        final AthleteHistory registered = (history == null ? AthleteHistory.EMPTY : history)
                .withAthlete(registration.athlete());
        if (!registration.ignored().isEmpty()) {
            final Athlete athlete = registration.athlete();
            forward(record.withValue(TrackerOutput.rejected(DeadLetter.of(Reason.FIELD_IGNORED,
                    "registration kept without what it cannot use: " + String.join("; ", registration.ignored()),
                    Topics.RACE_ATHLETES.name(), registration.partition(), registration.offset(), key,
                    registration.raw(), athlete.raceId(), athlete.athleteId()))));
        }
        if (registered.athlete() == null || registered.held().isEmpty()) {
            if (registered.isEmpty()) {
                store.delete(key);
            } else {
                store.put(key, registered);
            }
            return;
        }
        store.put(key, registered.withoutHeld());
        for (final AthleteHistory.Held held : registered.held()) {
            final ParsedSplit read = parser.parse(key, held.raw(), held.partition(), held.offset());
            final ParsedSplit joined = read.isValid() ? read.withCourse(courseOf(read.split().raceId())) : read;
            // what a held read makes names the read, not the registration that let it through
            forward(record.withHeaders(SourceHeader.naming(record.headers(), Topics.RACE_SPLITS.name(), held.partition(),
                            held.offset()))
                    .withValue(joined.isValid() ? track(key, joined) : TrackerOutput.rejected(joined.rejected())));
        }
    }

    /** Forwards the output with the updates the race's boards must hear of it. */
    private void forward(final Record<String, TrackerOutput> record) {
        final TrackerOutput out = record.value();
        final List<BoardUpdate> boardUpdates = out.stateGone() ? shortlist.withdraw(record.key())
                : out.state() == null ? List.of() : shortlist.offer(record.key(), BoardUpdate.of(out.state()));
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
        if (athlete == null) {
            return hold(athleteKey, history, read);
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
        if (history.crossing(split.crossingId()).isPresent()) {
            final AthleteHistory counted = history.withDuplicate();
            store.put(athleteKey, counted);
            return TrackerOutput.stateOnly(stateOf(course, counted), List.of());
        }
        final SplitEvent placed = new SplitEvent(split.raceId(), split.athleteId(), split.bib(), split.timingPointId(),
                point.get().distanceM(), split.lap(), split.elapsedMs(), split.readAt(), split.gunElapsedMs());
        final Optional<Impossible> impossible = Impossible.check(history, placed);
        if (impossible.isPresent()) {
            final Optional<SplitEvent> odd = Impossible.oddOneOut(history, placed, course.distanceM());
            if (odd.isEmpty()) {
                return TrackerOutput.rejected(read.reject(athleteKey, impossible.get().reason(), impossible.get().message()));
            }
            return takeBack(athleteKey, course, athlete, history, odd.get(), placed);
        }
        return accept(athleteKey, course, athlete, history, placed);
    }

    /**
     * Takes back an earlier split that this read shows to be the odd one out, and carries on from the consistent
     * history: the read is accepted, the state recomputed without the split, and the split goes to the dead letters
     * with the reason (its own projection stays on the append-only topic; the athlete's state and results follow the
     * corrected history).
     */
    private TrackerOutput takeBack(final String athleteKey, final Course course, final Athlete athlete,
                                   final AthleteHistory history, final SplitEvent odd, final SplitEvent placed) {
        final TrackerOutput out = accept(athleteKey, course, athlete, history.without(odd), placed);
        final byte[] value = Topics.RACE_SPLITS.valueSerde().serialize(Topics.RACE_SPLITS.name(), odd);
        return out.withDeadLetter(DeadLetter.of(Reason.TAKEN_BACK, "the read at " + odd.crossingId() + " ("
                + RaceTime.hms(odd.elapsedMs()) + ") is contradicted by the read at " + placed.crossingId() + " ("
                + RaceTime.hms(placed.elapsedMs()) + ") and the athlete's other splits; taken back, and the athlete's"
                + " state recomputed without it", Topics.RACE_SPLITS.name(), -1, -1, athleteKey, value, odd.raceId(),
                odd.athleteId()));
    }

    /** A read of an athlete not registered (yet): held, up to a bound, until the registration comes. */
    private TrackerOutput hold(final String athleteKey, final AthleteHistory history, final ParsedSplit read) {
        final String unknown = "athlete '" + read.split().athleteId() + "' is not registered for race '"
                + read.split().raceId() + "' on race-athletes";
        if (history.held().size() >= AthleteHistory.MAX_HELD) {
            return TrackerOutput.rejected(read.reject(athleteKey, Reason.UNKNOWN_ATHLETE, unknown + "; not held: "
                    + AthleteHistory.MAX_HELD + " reads already wait for the registration"));
        }
        store.put(athleteKey, history.withHeld(new AthleteHistory.Held(read.raw(), read.partition(), read.offset())));
        return TrackerOutput.rejected(read.reject(athleteKey, Reason.UNKNOWN_ATHLETE, unknown
                + "; held, and taken up when the registration comes"));
    }

    /** @param athleteKey the athlete's key, {@code raceId/athleteId}: the record's own, used for every map and store */
    private TrackerOutput accept(final String athleteKey, final Course course, final Athlete athlete,
                                 final AthleteHistory history, final SplitEvent placed) {
        if (clockAgrees(history, placed, course)) {
            silence.observe(course.raceId(), placed.readAt(), context.currentSystemTimeMs());
        }
        AthleteHistory updated = history.with(placed);
        final List<SplitEvent> upTo = updated.upTo(placed);
        // the fixed model's forecast, made once for the projection and for the day's observation of this read
        final FinishForecast fixed = projector.fixedForecast(course, athlete, upTo, placed);
        final AthleteProjection projection = projector.project(course, LiveText.shown(athlete), upTo, placed,
                        conditionsOf(course.raceId()), fixed)
                .withCounts(upTo.size(), updated.duplicates());
        final boolean latest = placed == updated.latest();
        final AthleteProjection state = latest && !updated.disqualified()
                ? projection.withCounts(updated.splits().size(), updated.duplicates()) : stateOf(course, updated);
        // a late read changes the history, not what is happening now: it raises no alert and no broadcast;
        // pacemakers are tracked, but their race is not news, and neither is a disqualified athlete's
        final boolean news = latest && !athlete.pacemaker() && !updated.disqualified();
        if (news && options.nowcast()) {
            // news: placed is the latest split, so the splits up to it are upTo, and its forecast is fixed
            observations.observe(course, athlete, updated.splits(), placed, fixed);
        }
        final List<RaceAlert> raised = news ? alerts.between(history.standing(), state, course) : List.of();
        final boolean broadcastDue = news && (state.status() == AthleteStatus.FINISHED || history.lastBroadcastAt() == null
                || Duration.between(history.lastBroadcastAt(), placed.readAt()).compareTo(options.broadcastInterval()) >= 0);
        if (broadcastDue) {
            updated = updated.withBroadcastAt(placed.readAt());
        }
        store.put(athleteKey, updated.withStanding(AthleteHistory.Standing.of(state)));
        watchForSilence(athleteKey, state);
        return new TrackerOutput(projection, state, raised, broadcastDue ? LiveText.broadcast(state, course.units()) : null, null);
    }

    /**
     * Whether a read's time of day agrees with its chip time: each read implies the moment its athlete crossed the
     * start ({@code readAt - elapsedMs}). A mat whose clock is wrong implies another moment than the athlete's earlier
     * reads did, or, for a first read, a start outside the race's start window (from an hour before its first gun to
     * {@link #START_WINDOW} after its last). Such a read's split still counts (its chip time is the athlete's own),
     * but it must not move the race's clock: a read dated a day ahead would make every athlete on course overdue.
     */
    public static boolean clockAgrees(final AthleteHistory history, final SplitEvent read, final Course course) {
        final long impliedStart = read.readAt().toEpochMilli() - read.elapsedMs();
        if (!history.splits().isEmpty()) {
            final SplitEvent earlier = history.latest();
            final long earlierStart = earlier.readAt().toEpochMilli() - earlier.elapsedMs();
            if (Math.abs(impliedStart - earlierStart) > CLOCK_TOLERANCE_MS) {
                return false;
            }
            // a stretch run at a third of the athlete's pace so far may be true (a walk, a stop), or a read that the
            // next reads will take back: either way, one athlete's read that slow does not move the whole race's clock
            final Optional<SplitEvent> before = history.before(read.distanceM());
            return before.isEmpty() || before.get().distanceM() <= 0
                    || (read.elapsedMs() - before.get().elapsedMs()) / (read.distanceM() - before.get().distanceM())
                    <= SLOWEST_CLOCK_STRETCH * before.get().elapsedMs() / before.get().distanceM();
        }
        if (course.startTime() == null) {
            return true;
        }
        long firstGun = course.startTime().toEpochMilli();
        long lastGun = firstGun;
        for (final Wave wave : course.waves()) {
            firstGun = Math.min(firstGun, wave.start().toEpochMilli());
            lastGun = Math.max(lastGun, wave.start().toEpochMilli());
        }
        return impliedStart >= firstGun - EARLY_START.toMillis() && impliedStart <= lastGun + START_WINDOW.toMillis();
    }

    private AthleteProjection stateOf(final Course course, final AthleteHistory history) {
        return stateOf(projector, course, history, conditionsOf(course.raceId()));
    }

    /**
     * An athlete's latest state, as published on {@code athlete-state}, from the history in the store.
     *
     * @param conditions the race's conditions to correct the projection by, or null
     */
    public static AthleteProjection stateOf(final Projector projector, final Course course, final AthleteHistory history,
                                     final Conditions conditions) {
        final AthleteProjection state = projector.project(course, LiveText.shown(history.athlete()), history.splits(),
                        history.latest(), conditions)
                .withCounts(history.splits().size(), history.duplicates());
        if (history.disqualified()) {
            return state.withStatus(AthleteStatus.DSQ);
        }
        return history.dnf() && state.status() == AthleteStatus.ON_COURSE ? state.withStatus(AthleteStatus.DNF) : state;
    }

    private void watchForSilence(final String key, final AthleteProjection state) {
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
                state.filter(s -> !s.pacemaker()).ifPresent(s -> shortlist.restore(entry.key, BoardUpdate.of(s)));
                if (!history.dnf()) {
                    silence.observe(last.raceId(), last.readAt(), context.currentSystemTimeMs());
                    state.ifPresent(s -> watchForSilence(entry.key, s));
                }
            }
        }
    }

    /** Sends each race's observations since the last time to the race's task, keyed by the race id. */
    private void sendObservations(final long wallMs) {
        for (final DayCounts counts : observations.drain()) {
            context.forward(new Record<>(counts.raceId(), TrackerOutput.observed(counts), wallMs));
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
        final Course course = courseOf(history.latest().raceId());
        return history.athlete() == null || course == null ? Optional.empty() : Optional.of(course);
    }

    /** The race's latest published conditions, or null when none are or the nowcast is off. */
    private Conditions conditionsOf(final String raceId) {
        if (!options.nowcast()) {
            return null;
        }
        final RaceConditions stored = conditions.get(raceId);
        if (stored == null) {
            published.remove(raceId);
            return null;
        }
        final Published known = published.get(raceId);
        if (known != null && known.record() == stored) {
            return known.conditions();
        }
        final Published now = new Published(stored, stored.conditions());
        published.put(raceId, now);
        return now.conditions();
    }

    private Course courseOf(final String raceId) {
        return courses.get(raceId);
    }
}
