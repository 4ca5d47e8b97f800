package io.racetracker.cli.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.cli.verify.Books.Kind;
import io.racetracker.cli.verify.Books.Problem;
import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.Leaderboard;
import io.racetracker.core.event.RaceAlert;
import io.racetracker.core.event.RaceResult;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.topic.SourceHeader;
import io.racetracker.core.topic.Topic;
import io.racetracker.core.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The books on synthetic topic contents: one athlete of race {@code r1} with reads at race-splits/0/0..4 (5K, 10K, a
 * duplicate 10K, FINISH, and a malformed read), and everything the tracker writes for them. The untouched contents
 * balance; each test breaks one guarantee, often so that the old per-athlete counts would still balance, and the
 * books must name the read.
 */
class BooksTest {
    private static final String KEY = "r1/a1";
    private static final Instant START = Instant.parse("2024-04-21T09:00:00Z");
    private static final SplitEvent K5 = split("5K", 5_000, 1_200_000);
    private static final SplitEvent K10 = split("10K", 10_000, 2_400_000);
    private static final SplitEvent K10_AGAIN = split("10K", 10_000, 2_400_900);
    private static final SplitEvent FINISH = split("FINISH", 42_195, 10_000_000);

    /** The topic contents, each list in offset order; a test changes them before balancing. */
    private final List<ConsumerRecord<String, byte[]>> reads = new ArrayList<>();
    private final List<ConsumerRecord<String, byte[]>> projections = new ArrayList<>();
    private final List<ConsumerRecord<String, byte[]>> states = new ArrayList<>();
    private final List<ConsumerRecord<String, byte[]>> deadLetters = new ArrayList<>();
    private final List<ConsumerRecord<String, byte[]>> results = new ArrayList<>();
    private final List<ConsumerRecord<String, byte[]>> alerts = new ArrayList<>();
    private final List<ConsumerRecord<String, byte[]>> boards = new ArrayList<>();

    BooksTest() {
        read(K5);
        read(K10);
        read(K10_AGAIN);
        read(FINISH);
        reads.add(record(Topics.RACE_SPLITS, 0, 4, KEY, "{\"raceId\": \"r1\", ".getBytes(StandardCharsets.UTF_8)));

        projection(0, K5, 1, 0, AthleteStatus.ON_COURSE);
        projection(1, K10, 2, 0, AthleteStatus.ON_COURSE);
        projection(3, FINISH, 3, 1, AthleteStatus.FINISHED);
        state(0, K5, 1, 0);
        state(1, K10, 2, 0);
        state(2, K10, 2, 1);
        state(3, FINISH, 3, 1);
        deadLetter(0, 4, KEY);
        results.add(record(Topics.RACE_RESULTS, 0, 0, KEY,
                new RaceResult("r1", "a1", "1", "Ada", "OPEN", FINISH.elapsedMs(), "2:46:40", 1, 1)));
        alert("a1");
        boards.add(record(Topics.RACE_LEADERBOARD, 0, 0, "r1/ALL", new Leaderboard("r1", "ALL", 1, List.of(
                new Leaderboard.Entry(1, "a1", "1", "Ada", "OPEN", "FINISH", 42_195, FINISH.elapsedMs(), 0, "",
                        FINISH.elapsedMs(), 1.0, AthleteStatus.FINISHED)), START)));
    }

    @Test
    void everyReadAccountedForOnceBalances() {
        final Books books = balance();
        assertTrue(books.balance(), books.toString());
        assertEquals(new Books.Account(5, 3, 1, 1), books.total("r1"));
    }

    @Test
    void aLostReadAndADoubledReadOfTheSameAthleteDoNotBalance() {
        // 5 reads = 3 projections + 1 duplicate + 1 dead letter still holds, but the 10K was lost and the 5K doubled
        projections.remove(1);
        projection(0, K5, 1, 0, AthleteStatus.ON_COURSE);

        final Books books = balance();
        assertFalse(books.balance());
        assertProblem(books, Kind.MISSING, "race-splits/0/1");
        assertProblem(books, Kind.DOUBLED, "race-splits/0/0");
    }

    @Test
    void aReadDeadLetteredAndAlsoProjectedDoesNotBalance() {
        deadLetter(0, 3, KEY);

        final Books books = balance();
        assertFalse(books.balance());
        assertProblem(books, Kind.INCONSISTENT, "race-splits/0/3");
    }

    @Test
    void aReadDeadLetteredTwiceIsDoubled() {
        deadLetter(0, 4, KEY);

        assertProblem(balance(), Kind.DOUBLED, "race-splits/0/4");
    }

    @Test
    void aLostDuplicateBalancedByADuplicateCountedTwiceIsFound() {
        // a second duplicate read; the state counts 2 duplicates, but it is the first duplicate that was counted twice
        read(split("10K", 10_000, 2_401_000));
        state(2, K10, 2, 2);

        final Books books = balance();
        assertProblem(books, Kind.MISSING, "race-splits/0/5");
        assertProblem(books, Kind.DOUBLED, "race-splits/0/2");
    }

    @Test
    void aDuplicateNotCountedIsMissing() {
        states.remove(2);
        states.set(2, stateRecord(2, 3, FINISH, 3, 0));

        final Books books = balance();
        assertProblem(books, Kind.MISSING, "athlete-state");
        assertProblem(books, Kind.MISSING, "race-splits/0/2");
    }

    @Test
    void aReadWithNothingAtAllIsMissing() {
        read(split("HALF", 21_097, 5_000_000));

        assertProblem(balance(), Kind.MISSING, "race-splits/0/5");
    }

    @Test
    void aProjectionThatNamesNoReadOrTheWrongOneIsInconsistent() {
        projections.add(record(Topics.ATHLETE_PROJECTIONS, 0, 3, KEY, projectionOf(K5, 1, 0, AthleteStatus.ON_COURSE)));
        projection(9, K5, 1, 0, AthleteStatus.ON_COURSE);
        projections.set(1, withSource(record(Topics.ATHLETE_PROJECTIONS, 0, 1, KEY,
                projectionOf(K10_AGAIN, 2, 0, AthleteStatus.ON_COURSE)), 1));

        final Books books = balance();
        assertProblem(books, Kind.INCONSISTENT, "athlete-projections/0/3");
        assertProblem(books, Kind.INCONSISTENT, "athlete-projections/0/4");
        assertProblem(books, Kind.INCONSISTENT, "athlete-projections/0/1");
    }

    @Test
    void aDeadLetterThatNamesNoReadIsInconsistent() {
        deadLetter(0, 77, KEY);

        assertProblem(balance(), Kind.INCONSISTENT, "race-dead-letters/0/1");
    }

    @Test
    void aFinisherWithoutResultOrWithAnotherTimeIsFound() {
        results.clear();
        assertProblem(balance(), Kind.MISSING, "race-results");

        results.add(record(Topics.RACE_RESULTS, 0, 0, KEY,
                new RaceResult("r1", "a1", "1", "Ada", "OPEN", FINISH.elapsedMs() + 1, "2:46:40", 1, 1)));
        assertProblem(balance(), Kind.INCONSISTENT, "race-results");
    }

    @Test
    void resultsAlertsAndBoardsAboutAthletesWithoutAcceptedReadsAreFound() {
        results.add(record(Topics.RACE_RESULTS, 0, 1, "r1/ghost",
                new RaceResult("r1", "ghost", "9", "Ghost", "OPEN", 1, "0:00:00", 1, 1)));
        alert("ghost");
        boards.add(record(Topics.RACE_LEADERBOARD, 0, 1, "r1/OPEN", new Leaderboard("r1", "OPEN", 1, List.of(
                new Leaderboard.Entry(1, "ghost", "9", "Ghost", "OPEN", "5K", 5_000, 1, 0, "", 1, 1.0,
                        AthleteStatus.ON_COURSE)), START)));

        final Books books = balance();
        assertEquals(3, books.problems().stream().filter(p -> "r1/ghost".equals(p.athlete())).count(), books.toString());
    }

    private Books balance() {
        final Books.Ledger ledger = new Books.Ledger();
        // any order: the outputs before the reads
        feed(boards, ledger::leaderboard);
        feed(alerts, ledger::alert);
        feed(results, ledger::result);
        feed(deadLetters, ledger::deadLetter);
        feed(states, ledger::state);
        feed(projections, ledger::projection);
        feed(reads, ledger::read);
        return ledger.balance();
    }

    private static void feed(final List<ConsumerRecord<String, byte[]>> records,
                             final Consumer<ConsumerRecord<String, byte[]>> into) {
        records.forEach(into);
    }

    private static void assertProblem(final Books books, final Kind kind, final String where) {
        final List<Problem> problems = books.problems("r1");
        assertTrue(problems.stream().anyMatch(p -> p.kind() == kind && p.where().equals(where)),
                "expected " + kind + " at " + where + " in " + problems);
    }

    private static SplitEvent split(final String mat, final double distanceM, final long elapsedMs) {
        return new SplitEvent("r1", "a1", "1", mat, distanceM, null, elapsedMs, START.plusMillis(elapsedMs));
    }

    private void read(final SplitEvent split) {
        reads.add(record(Topics.RACE_SPLITS, 0, reads.size(), split.key(), split));
    }

    private void projection(final long readOffset, final SplitEvent split, final int accepted, final long duplicates,
                            final AthleteStatus status) {
        projections.add(withSource(record(Topics.ATHLETE_PROJECTIONS, 0, projections.size(), KEY,
                projectionOf(split, accepted, duplicates, status)), readOffset));
    }

    private void state(final long readOffset, final SplitEvent latest, final int accepted, final long duplicates) {
        states.add(stateRecord(states.size(), readOffset, latest, accepted, duplicates));
    }

    private static ConsumerRecord<String, byte[]> stateRecord(final long offset, final long readOffset,
                                                              final SplitEvent latest, final int accepted,
                                                              final long duplicates) {
        return withSource(record(Topics.ATHLETE_STATE, 0, offset, KEY, projectionOf(latest, accepted, duplicates,
                "FINISH".equals(latest.timingPointId()) ? AthleteStatus.FINISHED : AthleteStatus.ON_COURSE)), readOffset);
    }

    private void deadLetter(final int partition, final long offset, final String key) {
        deadLetters.add(record(Topics.RACE_DEAD_LETTERS, 0, deadLetters.size(), key, DeadLetter.of(
                DeadLetter.Reason.MALFORMED_JSON, "malformed JSON", Topics.RACE_SPLITS.name(), partition, offset, key,
                new byte[] {1}, null, null)));
    }

    private void alert(final String athleteId) {
        alerts.add(record(Topics.RACE_ALERTS, 0, alerts.size(), "r1/" + athleteId, new RaceAlert(RaceAlert.Type.FINISH,
                "r1", athleteId, "Ada", "OPEN", "FINISH", 42_195, FINISH.elapsedMs(), null, "finishes", START)));
    }

    private static AthleteProjection projectionOf(final SplitEvent split, final int accepted, final long duplicates,
                                                  final AthleteStatus status) {
        return new AthleteProjection("r1", "a1", "1", "Ada", "OPEN", false, split.timingPointId(), split.lap(),
                split.distanceM(), split.elapsedMs(), split.readAt(), 240, 240, 10_000_000, 9_900_000, 10_100_000,
                10_800_000, 0.9, 60_000, null, null, null, status, accepted, duplicates, null);
    }

    private static ConsumerRecord<String, byte[]> withSource(final ConsumerRecord<String, byte[]> record,
                                                             final long readOffset) {
        record.headers().add(SourceHeader.NAME, SourceHeader.value(Topics.RACE_SPLITS.name(), 0, readOffset));
        return record;
    }

    private static <V> ConsumerRecord<String, byte[]> record(final Topic<V> topic, final int partition, final long offset,
                                                             final String key, final V value) {
        return record(topic, partition, offset, key, topic.valueSerde().serialize(topic.name(), value));
    }

    private static ConsumerRecord<String, byte[]> record(final Topic<?> topic, final int partition, final long offset,
                                                         final String key, final byte[] value) {
        return new ConsumerRecord<>(topic.name(), partition, offset, key, value);
    }
}
