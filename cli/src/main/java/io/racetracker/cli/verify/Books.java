package io.racetracker.cli.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.event.Correction;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.Leaderboard;
import io.racetracker.core.event.RaceAlert;
import io.racetracker.core.event.RaceResult;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.json.Json;
import io.racetracker.core.topic.Keys;
import io.racetracker.core.topic.SourceHeader;
import io.racetracker.core.topic.SourceHeader.Position;
import io.racetracker.core.topic.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The tracker's books, kept read for read: every read on {@code race-splits}, by its partition and offset, must end
 * as exactly one of
 * <ul>
 *   <li>a projection on {@code athlete-projections} whose {@link SourceHeader rt-source} header names it, for the
 *       read's own athlete, crossing and chip time;</li>
 *   <li>a duplicate: a read of a crossing that an earlier read of the same athlete (same partition, lower offset) was
 *       accepted for, counted in the athlete's latest {@code duplicateReads} on {@code athlete-state};</li>
 *   <li>a dead letter from {@code race-splits} on {@code race-dead-letters} whose partition and offset name it.</li>
 * </ul>
 * Counts alone are not enough: one lost read and one doubled read of the same athlete balance. So each read is
 * accounted for once, by position, and each output names what it came from. Besides:
 * <ul>
 *   <li>every accepted or duplicate read caused exactly one {@code athlete-state} update naming it, checked where the
 *       athlete's state history is complete (compaction keeps only the latest per key; while the update of the
 *       athlete's first read is still there, none of the athlete's updates has been compacted away); no update names a
 *       dead-lettered read, and none names a read twice;</li>
 *   <li>every athlete whose latest state is finished (not a pacemaker) has one latest result on {@code race-results}
 *       with that finish time, and no one else has one (results follow operators' corrections: a finish voided, a
 *       time entered by hand, a disqualification);</li>
 *   <li>a read held for a late registration ({@code UNKNOWN_ATHLETE}, then taken up) counts once, by what it became; a
 *       split taken back ({@code TAKEN_BACK}) or voided frees its crossing for another read;</li>
 *   <li>no alert, result or leaderboard entry names an athlete without accepted reads.</li>
 * </ul>
 * Everything is read with read_committed. A {@link Ledger} takes the records of every topic in any order, so the
 * same checks run on synthetic topic contents in unit tests.
 */
public final class Books {
    /** Key under which reads without a key are counted. */
    public static final String NO_KEY = "(no key)";
    /** Race under which reads that name no readable race are counted. */
    public static final String UNKNOWN_RACE = "(unreadable)";

    /**
     * One athlete's account, by reads.
     *
     * @param inputs      reads on race-splits
     * @param accepted    reads that gave a projection
     * @param duplicates  reads found to be duplicates of an accepted read
     * @param deadLetters reads dead-lettered
     */
    public record Account(long inputs, long accepted, long duplicates, long deadLetters) {
        Account plus(final Account other) {
            return new Account(inputs + other.inputs, accepted + other.accepted, duplicates + other.duplicates,
                    deadLetters + other.deadLetters);
        }
    }

    /** What is wrong. */
    public enum Kind {
        /** A read, or an output it must have caused, is not there. */
        MISSING,
        /** A read is accounted for more than once. */
        DOUBLED,
        /** An output does not agree with the read it names, or names no read or athlete it can be about. */
        INCONSISTENT
    }

    /**
     * One thing that is off.
     *
     * @param race    the race it is in
     * @param kind    missing, doubled or inconsistent
     * @param athlete the athlete key, or null
     * @param where   the read ({@code race-splits/P/O}) or output record it is about
     * @param what    what is wrong, for a person
     */
    public record Problem(String race, Kind kind, String athlete, String where, String what) {
        @Override
        public String toString() {
            return kind + " " + where + (athlete == null ? "" : " (" + athlete + ")") + ": " + what;
        }
    }

    private final Map<String, Map<String, Account>> byRace;
    private final List<Problem> problems;

    private Books(final Map<String, Map<String, Account>> byRace, final List<Problem> problems) {
        this.byRace = byRace;
        this.problems = problems;
    }

    /** Race, then athlete, to account. */
    public Map<String, Map<String, Account>> byRace() {
        return byRace;
    }

    /** Everything that is off, by race, then by kind and position. */
    public List<Problem> problems() {
        return problems;
    }

    public List<Problem> problems(final String raceId) {
        return problems.stream().filter(p -> p.race().equals(raceId)).toList();
    }

    /** Whether every read is accounted for exactly once and every output agrees with the reads. */
    public boolean balance() {
        return problems.isEmpty();
    }

    public Account total(final String raceId) {
        return byRace.getOrDefault(raceId, Map.of()).values().stream().reduce(new Account(0, 0, 0, 0), Account::plus);
    }

    @Override
    public String toString() {
        return problems.isEmpty() ? "balanced: " + byRace.keySet()
                : problems.size() + " problems, first: " + problems.subList(0, Math.min(20, problems.size()));
    }

    /** Reads the topics (read_committed) and balances the books. */
    public static Books read(final Properties clientProps, final Duration timeout) {
        final Ledger ledger = new Ledger();
        TopicSnapshot.read(clientProps, Topics.RACE_SPLITS.name(), timeout, ledger::read);
        TopicSnapshot.read(clientProps, Topics.ATHLETE_PROJECTIONS.name(), timeout, ledger::projection);
        TopicSnapshot.read(clientProps, Topics.ATHLETE_STATE.name(), timeout, ledger::state);
        TopicSnapshot.read(clientProps, Topics.RACE_DEAD_LETTERS.name(), timeout, ledger::deadLetter);
        TopicSnapshot.read(clientProps, Topics.RACE_CORRECTIONS.name(), timeout, ledger::correction);
        TopicSnapshot.read(clientProps, Topics.RACE_RESULTS.name(), timeout, ledger::result);
        TopicSnapshot.read(clientProps, Topics.RACE_ALERTS.name(), timeout, ledger::alert);
        TopicSnapshot.read(clientProps, Topics.RACE_LEADERBOARD.name(), timeout, ledger::leaderboard);
        return ledger.balance();
    }

    /** A read on race-splits and what became of it. */
    private static final class Read {
        final Position at;
        final String key;
        /** The race the read names, then (once all are read) the race of the athlete's readable reads. */
        String race;
        final SplitEvent split;
        final List<Output> projections = new ArrayList<>(1);
        final List<Position> deadLetters = new ArrayList<>(0);
        final List<Position> states = new ArrayList<>(1);

        Read(final Position at, final String key, final String race, final SplitEvent split) {
            this.at = at;
            this.key = key;
            this.race = race;
            this.split = split;
        }

        String crossing() {
            return split == null ? null : split.crossingId();
        }
    }

    /** What verify keeps of a projection: where it is, what it says about its read. */
    private record Output(Position at, String key, String crossing, long elapsedMs, boolean finish, boolean pacemaker) {
    }

    private record StateRef(Position source, Position at, String key) {
    }

    private record Alert(Position at, String key, String raceId, String athleteId, RaceAlert.Type type) {
    }

    /** Takes the committed records of the topics, in any order, and balances the books. */
    public static final class Ledger {
        private final Map<Position, Read> reads = new HashMap<>();
        private final List<Problem> problems = new ArrayList<>();
        private final List<Map.Entry<Position, Output>> projections = new ArrayList<>();
        private final List<StateRef> states = new ArrayList<>();
        private final Map<String, AthleteProjection> latestState = new HashMap<>();
        private final List<Map.Entry<Position, DeadLetter>> deadLetters = new ArrayList<>();
        private final Map<String, RaceResult> results = new HashMap<>();
        private final List<Alert> alerts = new ArrayList<>();
        private final Map<String, Leaderboard> leaderboards = new HashMap<>();
        /** Crossings ({@code key|crossing}) taken back or voided: another read of them may be accepted after. */
        private final Set<String> retracted = new HashSet<>();
        /** Athletes with a time entered by hand (a projection made from a correction, not from a read). */
        private final Set<String> handEntered = new HashSet<>();

        /** A record of race-splits. */
        public void read(final ConsumerRecord<String, byte[]> record) {
            final Position at = positionOf(record);
            final String key = record.key() == null ? NO_KEY : record.key();
            SplitEvent split = null;
            try {
                split = record.value() == null ? null
                        : Topics.RACE_SPLITS.valueSerde().deserialize(record.topic(), record.value());
            } catch (final RuntimeException unreadable) {
                // a read that cannot be parsed must have been dead-lettered; nothing else to know of it
            }
            reads.put(at, new Read(at, key, raceIn(record.value()), split));
        }

        /** A record of athlete-projections. */
        public void projection(final ConsumerRecord<String, byte[]> record) {
            final AthleteProjection p = Topics.ATHLETE_PROJECTIONS.valueSerde().deserialize(record.topic(), record.value());
            final Position at = positionOf(record);
            final Output output = new Output(at, record.key(), Keys.crossing(p.timingPointId(), p.lap()), p.elapsedMs(),
                    p.status() == AthleteStatus.FINISHED, p.pacemaker());
            // the read it names is looked up when the books are balanced, so that the topics can come in any order;
            // a time an operator entered by hand names the correction it came from
            sourceOf(record).ifPresentOrElse(source -> {
                if (Topics.RACE_CORRECTIONS.name().equals(source.topic())) {
                    handEntered.add(record.key());
                } else {
                    projections.add(Map.entry(source, output));
                }
            },
                    () -> problem(raceOfKey(record.key()), Kind.INCONSISTENT, record.key(), at,
                            "a projection that names no read (no " + SourceHeader.NAME + " header)"));
        }

        /** A record of athlete-state. */
        public void state(final ConsumerRecord<String, byte[]> record) {
            if (record.value() == null) {
                latestState.remove(record.key());
                return;
            }
            latestState.put(record.key(), Topics.ATHLETE_STATE.valueSerde().deserialize(record.topic(), record.value()));
            // updates made by a silence check (did-not-finish) come from no read and carry no source
            // and updates made by an operator's correction name the correction, not a read
            sourceOf(record).filter(source -> !Topics.RACE_CORRECTIONS.name().equals(source.topic()))
                    .ifPresent(source -> states.add(new StateRef(source, positionOf(record), record.key())));
        }

        /** A record of race-dead-letters. */
        public void deadLetter(final ConsumerRecord<String, byte[]> record) {
            final DeadLetter letter = Topics.RACE_DEAD_LETTERS.valueSerde().deserialize(record.topic(), record.value());
            if (letter.code() == DeadLetter.Reason.TAKEN_BACK) {
                // not a read rejected: an accepted split taken back; its crossing may be accepted again
                try {
                    final SplitEvent split = Topics.RACE_SPLITS.valueSerde().deserialize(record.topic(),
                            Base64.getDecoder().decode(letter.valueBase64()));
                    retracted.add(split.key() + "|" + split.crossingId());
                } catch (final RuntimeException unreadable) {
                    problem(raceOfKey(letter.key()), Kind.INCONSISTENT, letter.key(), positionOf(record),
                            "a TAKEN_BACK dead letter whose split cannot be read");
                }
            } else if (Topics.RACE_SPLITS.name().equals(letter.sourceTopic())) {
                deadLetters.add(Map.entry(positionOf(record), letter));
            }
        }

        /** A record of race-corrections: a read voided or a time entered by hand frees its crossing. */
        public void correction(final ConsumerRecord<String, byte[]> record) {
            try {
                final Correction correction = Topics.RACE_CORRECTIONS.valueSerde().deserialize(record.topic(), record.value());
                if (correction.type() == Correction.Type.VOID_READ || correction.type() == Correction.Type.MANUAL_TIME) {
                    retracted.add(correction.key() + "|" + correction.crossingId());
                }
            } catch (final RuntimeException unreadable) {
                // a correction that cannot be read was dead-lettered by the app and changed nothing
            }
        }

        /** A record of race-results: the latest per athlete counts. */
        public void result(final ConsumerRecord<String, byte[]> record) {
            if (record.value() == null) {
                results.remove(record.key());
            } else {
                results.put(record.key(), Topics.RACE_RESULTS.valueSerde().deserialize(record.topic(), record.value()));
            }
        }

        /** A record of race-alerts. */
        public void alert(final ConsumerRecord<String, byte[]> record) {
            final RaceAlert alert = Topics.RACE_ALERTS.valueSerde().deserialize(record.topic(), record.value());
            alerts.add(new Alert(positionOf(record), record.key(), alert.raceId(), alert.athleteId(), alert.type()));
        }

        /** A record of race-leaderboard: the latest per board counts. */
        public void leaderboard(final ConsumerRecord<String, byte[]> record) {
            if (record.value() == null) {
                leaderboards.remove(record.key());
            } else {
                leaderboards.put(record.key(), Topics.RACE_LEADERBOARD.valueSerde().deserialize(record.topic(), record.value()));
            }
        }

        /** Accounts for every read and checks every output against the reads. */
        public Books balance() {
            final Map<String, List<Read>> byAthlete = reads.values().stream().collect(Collectors.groupingBy(r -> r.key));
            for (final List<Read> theirs : byAthlete.values()) {
                // a read too broken to name its race is counted in the race of the athlete's other reads
                final String race = theirs.stream().map(r -> r.race).filter(r -> !UNKNOWN_RACE.equals(r)).findFirst()
                        .orElse(UNKNOWN_RACE);
                theirs.forEach(r -> r.race = race);
            }
            for (final Map.Entry<Position, Output> projection : projections) {
                final Read read = reads.get(projection.getKey());
                if (read == null) {
                    problem(raceOfKey(projection.getValue().key()), Kind.INCONSISTENT, projection.getValue().key(),
                            projection.getValue().at(), "a projection naming " + projection.getKey()
                                    + ", which is no read on " + Topics.RACE_SPLITS.name());
                } else {
                    read.projections.add(projection.getValue());
                }
            }
            for (final StateRef state : states) {
                final Read read = reads.get(state.source());
                if (read == null) {
                    problem(raceOfKey(state.key()), Kind.INCONSISTENT, state.key(), state.at(),
                            "a state update naming " + state.source() + ", which is no read");
                } else if (!read.key.equals(state.key())) {
                    problem(read.race, Kind.INCONSISTENT, state.key(), state.at(), "a state update naming " + read.at
                            + ", a read of " + read.key);
                } else {
                    read.states.add(state.at());
                }
            }

            for (final Map.Entry<Position, DeadLetter> entry : deadLetters) {
                final DeadLetter letter = entry.getValue();
                final Read read = reads.get(new Position(letter.sourceTopic(), letter.partition(), letter.offset()));
                if (read != null && letter.code() == DeadLetter.Reason.UNKNOWN_ATHLETE
                        && (!read.projections.isEmpty() || !read.states.isEmpty())) {
                    continue; // held for a late registration, and taken up when it came
                }
                final String key = letter.key() == null ? NO_KEY : letter.key();
                if (read == null) {
                    problem(raceOfKey(key), Kind.INCONSISTENT, key, entry.getKey(), "a dead letter (" + letter.code()
                            + ") naming " + letter.sourceTopic() + "/" + letter.partition() + "/" + letter.offset()
                            + ", which is no read");
                } else if (!read.key.equals(key)) {
                    problem(read.race, Kind.INCONSISTENT, read.key, entry.getKey(), "a dead letter naming read " + read.at
                            + " gives its key as '" + key + "'");
                    read.deadLetters.add(entry.getKey());
                } else {
                    read.deadLetters.add(entry.getKey());
                }
            }
            final Map<String, Map<String, Account>> byRace = new TreeMap<>();
            final Set<String> athletesWithAccepted = new HashSet<>();
            final Map<String, Output> finishes = new HashMap<>();
            for (final Map.Entry<String, List<Read>> athlete : byAthlete.entrySet()) {
                final List<Read> theirs = athlete.getValue();
                theirs.sort(Comparator.comparingInt((Read r) -> r.at.partition()).thenComparingLong(r -> r.at.offset()));
                final Account account = account(athlete.getKey(), theirs, finishes);
                if (account.accepted() > 0) {
                    athletesWithAccepted.add(athlete.getKey());
                }
                byRace.computeIfAbsent(theirs.get(0).race, r -> new TreeMap<>()).put(athlete.getKey(), account);
            }
            athletesWithAccepted.addAll(handEntered);
            checkResults(athletesWithAccepted);
            checkAlertsAndBoards(athletesWithAccepted);

            problems.sort(Comparator.comparing(Problem::race).thenComparing(Problem::kind)
                    .thenComparing(p -> p.athlete() == null ? "" : p.athlete()).thenComparing(Problem::where));
            return new Books(byRace, List.copyOf(problems));
        }

        /** One athlete's reads, in offset order: what became of each. */
        private Account account(final String athlete, final List<Read> theirs, final Map<String, Output> finishes) {
            final Map<String, Read> acceptedByCrossing = new HashMap<>();
            final List<Read> duplicates = new ArrayList<>();
            long accepted = 0;
            long dead = 0;
            for (final Read read : theirs) {
                final int fates = read.projections.size() + read.deadLetters.size();
                if (fates > 1) {
                    problem(read.race, read.projections.isEmpty() || read.deadLetters.isEmpty() ? Kind.DOUBLED
                                    : Kind.INCONSISTENT, athlete, read.at,
                            describe(read) + " is accounted for " + fates + " times: projections at "
                                    + read.projections.stream().map(Output::at).toList() + ", dead letters at "
                                    + read.deadLetters);
                }
                if (!read.deadLetters.isEmpty()) {
                    dead++;
                    if (!read.states.isEmpty()) {
                        problem(read.race, Kind.INCONSISTENT, athlete, read.at, describe(read)
                                + " was dead-lettered, yet the athlete's state was updated by it at " + read.states);
                    }
                }
                if (!read.projections.isEmpty()) {
                    accepted++;
                    final Output projection = read.projections.get(0);
                    checkProjection(read, projection);
                    final Read earlier = read.crossing() == null ? null : acceptedByCrossing.putIfAbsent(read.crossing(), read);
                    if (earlier != null && retracted.contains(athlete + "|" + read.crossing())) {
                        acceptedByCrossing.put(read.crossing(), read);
                    } else if (earlier != null) {
                        problem(read.race, Kind.DOUBLED, athlete, read.at, describe(read) + " was accepted, but crossing "
                                + read.crossing() + " had already been accepted for " + earlier.at);
                    }
                    if (projection.finish()) {
                        final Output before = finishes.put(athlete, projection);
                        if (before != null) {
                            problem(read.race, Kind.DOUBLED, athlete, projection.at(), "a second accepted finish; the first is "
                                    + before.at());
                        }
                    }
                } else if (read.deadLetters.isEmpty()) {
                    final Read original = read.crossing() == null || !read.key.equals(read.split.key()) ? null
                            : acceptedByCrossing.get(read.crossing());
                    if (original == null) {
                        problem(read.race, Kind.MISSING, athlete, read.at, describe(read) + " has no projection and no dead"
                                + " letter, and no earlier read of its crossing was accepted, so it is no duplicate either");
                    } else {
                        duplicates.add(read);
                    }
                }
            }
            final long counted = Optional.ofNullable(latestState.get(athlete)).map(AthleteProjection::duplicateReads).orElse(0L);
            final String race = theirs.get(0).race;
            if (counted != duplicates.size()) {
                problem(race, counted > duplicates.size() ? Kind.DOUBLED : Kind.MISSING, athlete, Topics.ATHLETE_STATE.name(),
                        "the latest state counts " + counted + " duplicate reads, but " + duplicates.size()
                                + " reads are duplicates of accepted ones: "
                                + duplicates.stream().map(r -> r.at.toString()).limit(10).toList());
            }
            checkStates(athlete, theirs, duplicates);
            return new Account(theirs.size(), accepted, duplicates.size(), dead);
        }

        private void checkProjection(final Read read, final Output projection) {
            final List<String> wrong = new ArrayList<>();
            if (!read.key.equals(projection.key())) {
                wrong.add("key " + projection.key());
            }
            if (read.split == null) {
                wrong.add("a read that cannot be parsed");
            } else {
                if (!read.split.crossingId().equals(projection.crossing())) {
                    wrong.add("crossing " + projection.crossing() + " for " + read.split.crossingId());
                }
                if (read.split.elapsedMs() != projection.elapsedMs()) {
                    wrong.add("elapsedMs " + projection.elapsedMs() + " for " + read.split.elapsedMs());
                }
            }
            if (!wrong.isEmpty()) {
                problem(read.race, Kind.INCONSISTENT, read.key, projection.at(), "the projection of " + read.at
                        + " does not agree with it: " + String.join(", ", wrong));
            }
        }

        /**
         * Each accepted or duplicate read updated the athlete's state once. Checked for a read named twice always;
         * for a read named by none only while the athlete's history on the compacted topic is whole (see the class).
         */
        private void checkStates(final String athlete, final List<Read> theirs, final List<Read> duplicates) {
            final Set<Read> duplicateReads = new HashSet<>(duplicates);
            final List<Read> stating = theirs.stream().filter(r -> !r.projections.isEmpty() || duplicateReads.contains(r))
                    .toList();
            final boolean whole = !stating.isEmpty() && !stating.get(0).states.isEmpty();
            for (final Read read : stating) {
                if (read.states.size() > 1) {
                    problem(read.race, Kind.DOUBLED, athlete, read.at, describe(read) + " updated the athlete's state "
                            + read.states.size() + " times: " + read.states);
                } else if (read.states.isEmpty() && whole) {
                    problem(read.race, Kind.MISSING, athlete, read.at, describe(read) + " ("
                            + (duplicateReads.contains(read) ? "a duplicate" : "accepted") + ") updated no athlete state");
                }
            }
        }

        /**
         * Results follow each athlete's latest state, which follows the corrected history: a finished athlete (not a
         * pacemaker) has one result with the state's finish time; anyone else (on course, did not finish, a finish
         * voided, disqualified) has none.
         */
        private void checkResults(final Set<String> athletesWithAccepted) {
            for (final Map.Entry<String, AthleteProjection> entry : latestState.entrySet()) {
                final String athlete = entry.getKey();
                final AthleteProjection state = entry.getValue();
                final RaceResult result = results.get(athlete);
                final boolean finisher = state.status() == AthleteStatus.FINISHED && !state.pacemaker();
                if (finisher && result == null) {
                    problem(raceOfKey(athlete), Kind.MISSING, athlete, Topics.RACE_RESULTS.name(),
                            "no result for the finish at " + state.elapsedMs() + " ms");
                } else if (finisher && result.finishMs() != state.elapsedMs()) {
                    problem(raceOfKey(athlete), Kind.INCONSISTENT, athlete, Topics.RACE_RESULTS.name(), "the result's finishMs "
                            + result.finishMs() + " is not the finish time " + state.elapsedMs() + " of the athlete's state");
                } else if (!finisher && result != null) {
                    problem(raceOfKey(athlete), Kind.INCONSISTENT, athlete, Topics.RACE_RESULTS.name(), "a result for an"
                            + " athlete whose state is " + state.status() + (state.pacemaker() ? " (a pacemaker)" : ""));
                }
            }
            for (final Map.Entry<String, RaceResult> result : results.entrySet()) {
                final String athlete = result.getKey();
                final RaceResult value = result.getValue();
                if (!athlete.equals(Keys.athlete(value.raceId(), value.athleteId()))) {
                    problem(raceOfKey(athlete), Kind.INCONSISTENT, athlete, Topics.RACE_RESULTS.name(),
                            "the result is about " + Keys.athlete(value.raceId(), value.athleteId()));
                } else if (!latestState.containsKey(athlete)) {
                    problem(raceOfKey(athlete), Kind.INCONSISTENT, athlete, Topics.RACE_RESULTS.name(),
                            athletesWithAccepted.contains(athlete) ? "a result without an athlete state"
                                    : "a result for an athlete without accepted reads");
                }
            }
        }

        private void checkAlertsAndBoards(final Set<String> athletesWithAccepted) {
            for (final Alert alert : alerts) {
                final String about = Keys.athlete(alert.raceId(), alert.athleteId());
                if (!about.equals(alert.key())) {
                    problem(raceOfKey(alert.key()), Kind.INCONSISTENT, alert.key(), alert.at(),
                            "a " + alert.type() + " alert keyed " + alert.key() + " is about " + about);
                } else if (!athletesWithAccepted.contains(about)) {
                    problem(raceOfKey(about), Kind.INCONSISTENT, about, alert.at(),
                            "a " + alert.type() + " alert about an athlete without accepted reads");
                }
            }
            for (final Map.Entry<String, Leaderboard> board : leaderboards.entrySet()) {
                for (final Leaderboard.Entry entry : board.getValue().entries()) {
                    final String athlete = Keys.athlete(board.getValue().raceId(), entry.athleteId());
                    if (!athletesWithAccepted.contains(athlete)) {
                        problem(board.getValue().raceId(), Kind.INCONSISTENT, athlete, Topics.RACE_LEADERBOARD.name() + " "
                                + board.getKey(), "position " + entry.position() + " is an athlete without accepted reads");
                    }
                }
            }
        }

        private void problem(final String race, final Kind kind, final String athlete, final Object where, final String what) {
            problems.add(new Problem(race, kind, athlete, String.valueOf(where), what));
        }

        private static String describe(final Read read) {
            return "read " + read.at + (read.split == null ? "" : " (" + read.split.crossingId() + " at "
                    + read.split.elapsedMs() + " ms)");
        }
    }

    private static Position positionOf(final ConsumerRecord<?, ?> record) {
        return new Position(record.topic(), record.partition(), record.offset());
    }

    private static Optional<Position> sourceOf(final ConsumerRecord<?, ?> record) {
        final Header header = record.headers().lastHeader(SourceHeader.NAME);
        return header == null ? Optional.empty() : SourceHeader.parse(header.value());
    }

    private static String raceOfKey(final String key) {
        return key == null || key.indexOf(Keys.SEPARATOR) < 0 ? UNKNOWN_RACE : Keys.raceOf(key);
    }

    private static String raceIn(final byte[] value) {
        if (value == null) {
            return UNKNOWN_RACE;
        }
        try {
            final JsonNode race = Json.mapper().readTree(value).get("raceId");
            return race != null && race.isTextual() && !race.asText().isBlank() ? race.asText() : UNKNOWN_RACE;
        } catch (final IOException | RuntimeException e) {
            return UNKNOWN_RACE;
        }
    }
}
