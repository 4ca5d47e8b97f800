package io.racetracker.streams.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.event.Leaderboard;
import io.racetracker.core.event.RaceAlert;
import io.racetracker.core.event.RaceResult;
import io.racetracker.core.topic.Keys;
import io.racetracker.streams.TrackerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;

/**
 * The shortlists of the athletes' tasks hold back most board updates; the race's boards must not notice. A board
 * fed only what the shortlists of several tasks pass on publishes the same leaderboards, results and alerts as one
 * fed every update, through a whole race with waves, a small board size (so that its first places change often),
 * late reads, did-not-finish, a category change, pacemakers and finishers arriving out of chip-time order.
 */
class BoardShortlistTest {
    private static final Instant START = Instant.parse("2023-04-23T09:00:00Z");
    private static final int PARTITIONS = 4;
    private static final int BOARD_SIZE = 3;
    private static final String[] CATEGORIES = {"M18", "M35", "F18", "F35", "ELITE-M"};
    private static final double[] MATS_KM = {5, 10, 15, 20, 21.0975, 25, 30, 35, 40, 42.195};
    private static final TrackerOptions OPTIONS = new TrackerOptions(List.of(0.5, 0.9), Duration.ofMinutes(1),
            Duration.ofMinutes(20), Duration.ofSeconds(1), BOARD_SIZE, Duration.ofSeconds(1), Duration.ofSeconds(10), 64);

    /** A board and what it forwarded. */
    private static final class Observed {
        final BoardHarness.Stores4 stores = BoardHarness.Stores4.create();
        final RaceBoard board = new RaceBoard(OPTIONS);
        final MockProcessorContext<String, BoardOutput> context = BoardHarness.start(board, stores);
        int updates;

        void feed(final List<BoardUpdate> updates) {
            this.updates += updates.size();
            BoardHarness.feed(board, updates);
        }

        void publish(final long wallMs) {
            context.scheduledPunctuators().get(0).getPunctuator().punctuate(wallMs);
        }

        /** Every published board as it stands, without its time of update (a held-back update moves only that). */
        Map<String, Leaderboard> boards() {
            final Map<String, Leaderboard> boards = new TreeMap<>();
            try (KeyValueIterator<String, Leaderboard> it = stores.published().all()) {
                it.forEachRemaining(kv -> boards.put(kv.key, withoutTime(kv.value)));
            }
            return boards;
        }

        List<RaceResult> results() {
            return context.forwarded().stream().map(f -> f.record().value().result()).filter(r -> r != null).toList();
        }

        List<RaceAlert> alerts() {
            return context.forwarded().stream().map(f -> f.record().value().alert()).filter(a -> a != null).toList();
        }
    }

    private static Leaderboard withoutTime(final Leaderboard b) {
        return new Leaderboard(b.raceId(), b.category(), b.athletes(), b.entries(), null);
    }

    @Test
    void theBoardsPublishTheSameFromTheShortlistsAsFromEveryUpdate() {
        final List<BoardUpdate> race = race(new Random(7), 400);
        final Observed every = new Observed();
        final Observed shortlisted = new Observed();
        final List<BoardShortlist> shortlists = shortlists();

        replay(race, every, shortlisted, shortlists, -1);

        assertEquals(every.boards(), shortlisted.boards());
        assertEquals(every.results(), shortlisted.results());
        assertEquals(every.alerts(), shortlisted.alerts());
        assertTrue(every.results().size() > 300, "most of the field finishes: " + every.results().size());
        assertTrue(every.alerts().stream().anyMatch(a -> a.type() == RaceAlert.Type.LEAD_CHANGE), "lead changes happen");
        assertTrue(shortlisted.updates < every.updates / 2,
                "the point of it: " + shortlisted.updates + " of " + every.updates + " updates reach the race's task");
    }

    @Test
    void shortlistsRestoredHalfWayFromTheAthletesLatestStatesGoOnAsBefore() {
        final List<BoardUpdate> race = race(new Random(11), 300);
        final Observed every = new Observed();
        final Observed shortlisted = new Observed();

        replay(race, every, shortlisted, shortlists(), race.size() / 2);

        assertEquals(every.boards(), shortlisted.boards());
        assertEquals(every.results(), shortlisted.results());
        assertEquals(every.alerts(), shortlisted.alerts());
    }

    @Test
    void aMoveOutOfTheFirstPlacesPassesOnWhoeverMovesUpInstead() {
        final BoardShortlist shortlist = new BoardShortlist(2);
        final BoardUpdate a = update("a", "M18", 0, 1_000_000, AthleteStatus.ON_COURSE, 0);
        final BoardUpdate b = update("b", "M18", 0, 1_010_000, AthleteStatus.ON_COURSE, 0);
        final BoardUpdate c = update("c", "M18", 0, 1_020_000, AthleteStatus.ON_COURSE, 0);
        assertEquals(List.of(a), offer(shortlist, a));
        assertEquals(List.of(b), offer(shortlist, b));
        assertEquals(List.of(c), offer(shortlist, c), "new to the race: its boards count it");
        final BoardUpdate cLater = update("c", "M18", 1, 2_100_000, AthleteStatus.ON_COURSE, 0);
        assertEquals(List.of(cLater), offer(shortlist, cLater), "c moves into the first two");
        final BoardUpdate bDnf = update("b", "M18", 0, 1_010_000, AthleteStatus.DNF, 0);
        assertEquals(List.of(), offer(shortlist, bDnf), "third on both boards, and nothing the boards count changed");
        final BoardUpdate aLate = update("a", "M18", 0, 1_000_000, AthleteStatus.ON_COURSE, 60_000);
        assertEquals(List.of(aLate), offer(shortlist, aLate), "in the first two: every change of a goes through");
        final BoardUpdate aCategory = new BoardUpdate("race", "a", "a", "Runner a", "M35", false, aLate.crossingId(),
                aLate.timingPointId(), aLate.distanceM(), aLate.elapsedMs(), aLate.projectedFinishMs(), 0.5,
                AthleteStatus.ON_COURSE, aLate.readAt());
        assertEquals(List.of(aCategory, bDnf), offer(shortlist, aCategory),
                "a leaves M18, whose second place goes to b, last seen by the race's task before its DNF");
        final BoardUpdate pacer = new BoardUpdate("race", "p", "p", "Pacer", "M18", true, "10K", "10K", 10_000,
                1_000, 7_000_000, 0.5, AthleteStatus.ON_COURSE, START);
        assertEquals(List.of(), offer(shortlist, pacer), "pacemakers are on no board");
    }

    @Test
    void theFirstTwoAtAMatAndTheFastestThereGoThroughWhateverTheBoardSize() {
        final BoardShortlist shortlist = new BoardShortlist(1);
        for (final String athleteId : List.of("a", "b", "c", "d")) {
            offer(shortlist, update(athleteId, "M18", 1, 1_800_000, AthleteStatus.ON_COURSE, 0));
        }
        offer(shortlist, update("e", "M18", 3, 3_000_000, AthleteStatus.ON_COURSE, 0));
        final BoardUpdate b = update("b", "M18", 2, 2_700_000, AthleteStatus.ON_COURSE, 0);
        final BoardUpdate c = update("c", "M18", 2, 2_790_000, AthleteStatus.ON_COURSE, 0);
        final BoardUpdate d = update("d", "M18", 2, 2_650_000, AthleteStatus.ON_COURSE, 0);
        final BoardUpdate a = update("a", "M18", 2, 2_800_000, AthleteStatus.ON_COURSE, 0);
        // e, further on, holds the only first place: what goes through below does so for its mat alone
        assertEquals(List.of(b), offer(shortlist, b), "first at the mat");
        assertEquals(List.of(c), offer(shortlist, c), "second at the mat: a break-away is judged on it");
        assertEquals(List.of(d), offer(shortlist, d), "third there, but the fastest: the gaps there are measured to it");
        assertEquals(List.of(), offer(shortlist, a), "fourth and slowest there");
    }

    private static List<BoardShortlist> shortlists() {
        final List<BoardShortlist> shortlists = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            shortlists.add(new BoardShortlist(BOARD_SIZE));
        }
        return shortlists;
    }

    /**
     * Feeds every update to one board and, through the shortlist of the athlete's task, to the other, publishing
     * both every 50 updates; at {@code restartAt} every shortlist is replaced by one restored from the latest states.
     */
    private static void replay(final List<BoardUpdate> race, final Observed every, final Observed shortlisted,
                               final List<BoardShortlist> shortlists, final int restartAt) {
        final Map<String, BoardUpdate> latest = new HashMap<>();
        for (int i = 0; i < race.size(); i++) {
            if (i == restartAt) {
                shortlists.replaceAll(old -> new BoardShortlist(BOARD_SIZE));
                latest.values().stream().filter(u -> !u.pacemaker())
                        .forEach(u -> shortlists.get(partitionOf(u.athleteId())).restore(Keys.athlete(u.raceId(), u.athleteId()), u));
            }
            final BoardUpdate update = race.get(i);
            latest.put(update.athleteId(), update);
            every.feed(update.pacemaker() ? List.of() : List.of(update));
            shortlisted.feed(offer(shortlists.get(partitionOf(update.athleteId())), update));
            if (i % 50 == 49 || i == race.size() - 1) {
                final long wallMs = update.readAt().toEpochMilli();
                every.publish(wallMs);
                shortlisted.publish(wallMs);
                assertEquals(every.boards(), shortlisted.boards(), "after update " + i);
            }
        }
    }

    private static int partitionOf(final String athleteId) {
        return Math.floorMod(athleteId.hashCode(), PARTITIONS);
    }

    /**
     * Every athlete's latest state after each read of a made-up race, in the order the reads arrive: start waves
     * 10 minutes apart, paces from 2:55 to 6:40 per km with some fade, a missed mat now and then, reads arriving up
     * to 3 minutes late, each late read changing the projection but not the latest mat, a few athletes given up
     * (DNF) after a mat, one category change, and two pacemakers.
     */
    private static List<BoardUpdate> race(final Random random, final int athletes) {
        record Read(long arrivalMs, String athleteId, int mat, long elapsedMs) {
        }
        final List<Read> reads = new ArrayList<>();
        final Map<String, String> categories = new HashMap<>();
        final Map<String, Integer> dnfAfter = new HashMap<>();
        for (int a = 0; a < athletes; a++) {
            final String id = "runner-" + a;
            categories.put(id, a < 2 ? "PACE" : CATEGORIES[random.nextInt(CATEGORIES.length)]);
            final long startMs = 600_000L * random.nextInt(4);
            final double secPerKm = 175 + random.nextDouble() * 225;
            final double fade = 1 + random.nextDouble() * 0.0015;
            if (random.nextInt(20) == 0) {
                dnfAfter.put(id, 2 + random.nextInt(6));
            }
            double elapsedS = 0;
            double lastKm = 0;
            for (int m = 0; m < MATS_KM.length; m++) {
                elapsedS += (MATS_KM[m] - lastKm) * secPerKm * Math.pow(fade, MATS_KM[m]) * (0.97 + random.nextDouble() * 0.06);
                lastKm = MATS_KM[m];
                if (dnfAfter.containsKey(id) && m > dnfAfter.get(id)) {
                    break;
                }
                if (m < MATS_KM.length - 1 && random.nextInt(30) == 0) {
                    continue;
                }
                final long late = random.nextInt(12) == 0 ? random.nextInt(180_000) : random.nextInt(2_000);
                reads.add(new Read(startMs + Math.round(elapsedS * 1000) + late, id, m, Math.round(elapsedS * 1000)));
            }
        }
        reads.sort(Comparator.comparingLong(Read::arrivalMs).thenComparing(Read::athleteId));

        final List<BoardUpdate> updates = new ArrayList<>();
        final Map<String, Read> latestRead = new HashMap<>();
        int changedCategory = 0;
        for (final Read read : reads) {
            final Read before = latestRead.get(read.athleteId());
            final boolean late = before != null && before.mat() > read.mat();
            final Read now = late ? before : read;
            latestRead.put(read.athleteId(), now);
            final int m = now.mat();
            final AthleteStatus status = m == MATS_KM.length - 1 ? AthleteStatus.FINISHED : AthleteStatus.ON_COURSE;
            if (changedCategory == 0 && m == 4 && !categories.get(read.athleteId()).equals("PACE")) {
                categories.put(read.athleteId(), "M35".equals(categories.get(read.athleteId())) ? "M18" : "M35");
                changedCategory++;
            }
            final long projectionShiftMs = late ? 30_000 + random.nextInt(60_000) : 0;
            updates.add(update(read.athleteId(), categories.get(read.athleteId()), m, now.elapsedMs(), status,
                    projectionShiftMs, read.arrivalMs()));
            if (dnfAfter.containsKey(read.athleteId()) && m == dnfAfter.get(read.athleteId()) && !late) {
                updates.add(update(read.athleteId(), categories.get(read.athleteId()), m, now.elapsedMs(),
                        AthleteStatus.DNF, 0, read.arrivalMs() + 1_200_000));
            }
        }
        updates.sort(Comparator.comparing(BoardUpdate::readAt));
        return updates;
    }

    /** Offers an athlete's update as the athlete's task does: under the athlete's key. */
    private static List<BoardUpdate> offer(final BoardShortlist shortlist, final BoardUpdate update) {
        return shortlist.offer(Keys.athlete(update.raceId(), update.athleteId()), update);
    }

    private static BoardUpdate update(final String athleteId, final String category, final int mat, final long elapsedMs,
                                      final AthleteStatus status, final long projectionShiftMs) {
        return update(athleteId, category, mat, elapsedMs, status, projectionShiftMs, elapsedMs);
    }

    private static BoardUpdate update(final String athleteId, final String category, final int mat, final long elapsedMs,
                                      final AthleteStatus status, final long projectionShiftMs, final long arrivalMs) {
        final String matId = mat == MATS_KM.length - 1 ? "FINISH" : "M" + mat;
        final double distanceM = MATS_KM[mat] * 1000;
        final long projected = Math.round(elapsedMs * 42_195 / distanceM) + projectionShiftMs;
        final boolean pacemaker = "PACE".equals(category);
        return new BoardUpdate("race", athleteId, athleteId, "Runner " + athleteId, pacemaker ? "M18" : category,
                pacemaker, matId, matId, distanceM, elapsedMs, projected, Math.min(1, 7_200_000.0 / projected / 2),
                status, START.plusMillis(arrivalMs));
    }
}
