package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.cli.CleanRun.Written;
import io.racetracker.cli.verify.Books;
import io.racetracker.core.topic.Topics;
import io.racetracker.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once through crashes: the streams app is killed (SIGKILL) three times in the middle of a mass race and
 * restarted each time. Each kill must land inside an open transaction at least once (records on the output topics
 * that a read_uncommitted reader saw and a read_committed reader never returns: the kill's transaction was aborted,
 * as Kafka's own EOS system tests check), and what read_committed readers see afterwards must be what a run without
 * crashes writes, topic by topic and record for record, with the books balanced read for read.
 */
class CrashRecoveryIT {
    private static final Duration DEADLINE = Duration.ofMinutes(4);
    /**
     * Where the kills land: committed offsets of {@code athlete-projections}, early in the race and each soon after the
     * restart before it (while the app works through what came in meanwhile), and all far short of what the whole race
     * commits there (more than 5,000 projections), so always reached. Fixed points, not progress counted from each
     * restart: the producer's race lasts half a minute to a minute, and an app that has caught up with a finished race
     * makes no more progress.
     */
    private static final long[] KILL_AT = {500, 1_000, 1_500};
    private static final List<String> OUTPUTS = Topics.OUTPUTS.stream().map(t -> t.name()).toList();
    /** The clean run has no wall clock to publish the day's conditions on: both runs project with the fixed model. */
    private static final String[] FIXED_MODEL = {"-X", "race.tracker.conditions.interval.ms=0"};

    @Test
    void killedThreeTimesMidRaceAndTheOutputsAreThoseOfACleanRun(@TempDir final Path dir) throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir)) {
            final Launcher producer = cluster.start("produce", "--scenario", "mass", "--runners", "1000", "--seed", "11",
                    "--speed", "720", "--bootstrap-server", cluster.bootstrap);
            Launcher streams = cluster.startStreams(1, 0, FIXED_MODEL);
            final List<String> kills = new ArrayList<>();
            long abortedRecords = 0;
            for (int crash = 0; crash < KILL_AT.length; crash++) {
                awaitCommitted(cluster, KILL_AT[crash], streams, producer);
                cluster.kill(streams);
                final AbortedRecords open = AbortedRecords.openNow(cluster.clientProps(), OUTPUTS);
                streams = cluster.startStreams(1, 0, FIXED_MODEL);
                final Map<String, Long> aborted = open.aborted(cluster.clientProps(), Duration.ofMinutes(2));
                abortedRecords += aborted.values().stream().mapToLong(Long::longValue).sum();
                kills.add("kill " + (crash + 1) + ": " + open.open() + " records in open transactions, aborted " + aborted);
            }
            System.out.println(String.join("\n", kills));
            assertTrue(abortedRecords > 0, "no kill landed inside an open transaction: " + kills);
            assertEquals(0, producer.awaitExit(DEADLINE), producer.output());

            final Books books = Await.until(() -> Books.read(cluster.clientProps(), Duration.ofMinutes(1)), Books::balance,
                    DEADLINE, b -> "the books never balanced: " + b);
            assertTrue(books.total("mass").accepted() > 5_000, "a real mass race went through: " + books.byRace());

            final Map<String, List<Written>> crashed = CleanRun.committed(cluster.clientProps());
            final Map<String, List<Written>> clean = CleanRun.outputs(cluster.clientProps(), dir.resolve("reference"));
            assertEquals(List.of(), SameOutputs.differences(clean, crashed, 25),
                    "every output topic as a run without crashes writes it");
            assertTrue(clean.get(Topics.ATHLETE_PROJECTIONS.name()).size() > 5_000, "a real mass race went through");
            for (final String topic : List.of(Topics.ATHLETE_STATE.name(), Topics.RACE_RESULTS.name(),
                    Topics.RACE_ALERTS.name(), Topics.BROADCAST_FEED.name())) {
                assertTrue(!clean.get(topic).isEmpty(), "the clean run wrote " + topic);
            }
        }
    }

    /** Waits until the committed offsets of projections reach {@code offsets}; a failure shows what the apps printed. */
    private static void awaitCommitted(final LocalCluster cluster, final long offsets, final Launcher... apps) {
        Await.until(() -> Outputs.committedEnd(cluster.clientProps(), Topics.ATHLETE_PROJECTIONS.name()),
                end -> end >= offsets, DEADLINE, end -> "committed projections stopped at offset " + end + ", short of "
                        + offsets + ":\n" + Launcher.tails(40, apps));
    }
}
