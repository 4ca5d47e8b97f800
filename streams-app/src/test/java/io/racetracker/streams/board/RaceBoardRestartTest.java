package io.racetracker.streams.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.event.Leaderboard;
import io.racetracker.core.event.RaceResult;
import io.racetracker.streams.TrackerOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.junit.jupiter.api.Test;

/**
 * The race boards keep their order and finish places in memory and rebuild them from their stores when a task
 * starts (after a restart, a rebalance, or a restore from the changelogs): a board that restarts half way through a
 * race must go on exactly as one that never stopped.
 */
class RaceBoardRestartTest {
    private static final Instant START = Instant.parse("2023-04-23T09:00:00Z");
    private static final List<BoardUpdate> FIRST_HALF = List.of(
            update("kiptum", "ELITE-M", "FINISH", 42_195, 7_285_000, AthleteStatus.FINISHED),
            update("kamworor", "ELITE-M", "FINISH", 42_195, 7_463_000, AthleteStatus.FINISHED),
            update("cairess", "ELITE-M", "40K", 40_000, 7_300_000, AthleteStatus.ON_COURSE),
            update("hassan", "ELITE-F", "40K", 40_000, 7_880_000, AthleteStatus.ON_COURSE));
    private static final List<BoardUpdate> SECOND_HALF = List.of(
            // faster than Kamworor, processed after him: he moves down and his result is published again
            update("tola", "ELITE-M", "FINISH", 42_195, 7_400_000, AthleteStatus.FINISHED),
            update("hassan", "ELITE-F", "FINISH", 42_195, 8_313_000, AthleteStatus.FINISHED),
            update("cairess", "ELITE-M", "FINISH", 42_195, 7_687_000, AthleteStatus.FINISHED));

    private static BoardUpdate update(final String athleteId, final String category, final String mat,
                                      final double distanceM, final long elapsedMs, final AthleteStatus status) {
        return new BoardUpdate("london-2023", athleteId, athleteId.substring(0, 3), "Runner " + athleteId, category,
                false, mat, mat, distanceM, elapsedMs, elapsedMs, 0.5, status, START.plusMillis(elapsedMs));
    }

    /** Results and published boards, in the order they were forwarded, after the second half of the race. */
    private static List<Object> secondHalfOutputs(final RaceBoard board, final MockProcessorContext<String, BoardOutput> context) {
        context.resetForwards();
        BoardHarness.feed(board, SECOND_HALF);
        final CapturedPunctuator publish = context.scheduledPunctuators().get(0);
        publish.getPunctuator().punctuate(START.plusSeconds(9_000).toEpochMilli());
        final List<Object> outputs = new ArrayList<>();
        context.forwarded().forEach(f -> {
            final BoardOutput out = f.record().value();
            if (out.result() != null) {
                outputs.add(out.result());
            }
            if (out.leaderboard() != null) {
                outputs.add(out.leaderboard());
            }
        });
        return outputs;
    }

    @Test
    void aBoardRebuiltFromItsStoresGoesOnAsOneThatNeverStopped() {
        final BoardHarness.Stores4 steadyStores = BoardHarness.Stores4.create();
        final RaceBoard steady = new RaceBoard(TrackerOptions.defaults());
        final MockProcessorContext<String, BoardOutput> steadyContext = BoardHarness.start(steady, steadyStores);
        BoardHarness.feed(steady, FIRST_HALF);
        final List<Object> expected = secondHalfOutputs(steady, steadyContext);

        final BoardHarness.Stores4 stores = BoardHarness.Stores4.create();
        final RaceBoard before = new RaceBoard(TrackerOptions.defaults());
        BoardHarness.start(before, stores);
        BoardHarness.feed(before, FIRST_HALF);
        final RaceBoard after = new RaceBoard(TrackerOptions.defaults());
        final List<Object> actual = secondHalfOutputs(after, BoardHarness.start(after, stores));

        assertEquals(expected, actual);
        final Map<String, RaceResult> results = new java.util.HashMap<>();
        actual.stream().filter(RaceResult.class::isInstance).map(RaceResult.class::cast)
                .forEach(r -> results.put(r.athleteId(), r));
        assertEquals(2, results.get("tola").place(), "counts the finishers from before the restart");
        assertEquals(3, results.get("kamworor").place(), "moved down and published again");
        assertEquals(4, results.get("cairess").categoryPlace());
        assertEquals(1, results.get("hassan").categoryPlace());
        final Leaderboard all = actual.stream().filter(Leaderboard.class::isInstance).map(Leaderboard.class::cast)
                .filter(b -> b.category().equals(RaceBoard.ALL)).findFirst().orElseThrow();
        assertEquals(List.of("kiptum", "tola", "kamworor", "cairess", "hassan"),
                all.entries().stream().map(Leaderboard.Entry::athleteId).toList());
        assertEquals(5, all.athletes());
    }

    @Test
    void aTaskStartedAgainOnTheSameProcessorDropsWhatItHeld() {
        final BoardHarness.Stores4 stores = BoardHarness.Stores4.create();
        final RaceBoard board = new RaceBoard(TrackerOptions.defaults());
        BoardHarness.start(board, stores);
        BoardHarness.feed(board, FIRST_HALF);
        // state rolled back to nothing (an aborted transaction's stores wiped), then the same processor initialised again
        stores.athletes().all().forEachRemaining(kv -> stores.athletes().delete(kv.key));
        stores.mats().all().forEachRemaining(kv -> stores.mats().delete(kv.key));
        stores.metas().all().forEachRemaining(kv -> stores.metas().delete(kv.key));
        final MockProcessorContext<String, BoardOutput> context = BoardHarness.start(board, stores);
        context.resetForwards();
        BoardHarness.feed(board, List.of(SECOND_HALF.get(0)));

        final RaceResult tola = context.forwarded().stream().map(f -> f.record().value().result())
                .filter(r -> r != null).findFirst().orElseThrow();
        assertEquals(1, tola.place(), "no finisher of the rolled-back state is counted");
    }
}
