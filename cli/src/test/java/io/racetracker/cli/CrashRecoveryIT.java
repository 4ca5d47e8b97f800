package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.cli.verify.Books;
import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once through crashes: the streams app is killed (SIGKILL) three times in the middle of a mass race and
 * restarted each time; what read_committed readers see per athlete must equal a run without crashes: nothing
 * missing, nothing doubled, state restored from the changelogs.
 */
class CrashRecoveryIT {
    private static final Duration DEADLINE = Duration.ofMinutes(4);

    @Test
    void killedThreeTimesMidRaceAndTheOutputsAreThoseOfACleanRun(@TempDir final Path dir) throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir)) {
            final Launcher producer = cluster.start("produce", "--scenario", "mass", "--runners", "1000", "--seed", "11",
                    "--speed", "720", "--bootstrap-server", cluster.bootstrap);
            Launcher streams = cluster.startStreams();
            for (int crash = 0; crash < 3; crash++) {
                awaitProgress(cluster, 400);
                cluster.kill(streams);
                streams = cluster.startStreams();
            }
            assertEquals(0, producer.awaitExit(DEADLINE), producer.output());

            final long deadline = System.nanoTime() + DEADLINE.toNanos();
            Books books = Books.read(cluster.clientProps(), Duration.ofMinutes(1));
            while (!books.balance()) {
                assertTrue(System.nanoTime() < deadline, "the books never balanced: " + books.byRace());
                TimeUnit.SECONDS.sleep(1);
                books = Books.read(cluster.clientProps(), Duration.ofMinutes(1));
            }

            final Map<String, List<AthleteProjection>> crashed = Outputs.byKey(cluster.clientProps(), Topics.ATHLETE_PROJECTIONS);
            final Map<String, List<AthleteProjection>> clean = CleanRun.projections(cluster.clientProps(), dir.resolve("reference"));
            assertEquals(clean.keySet(), crashed.keySet());
            for (final String athlete : clean.keySet()) {
                assertEquals(clean.get(athlete), crashed.get(athlete), "projections of " + athlete);
            }
            assertTrue(clean.values().stream().mapToInt(List::size).sum() > 5_000, "a real mass race went through");
        }
    }

    /** Waits until committed projections grow by {@code records} from now. */
    private static void awaitProgress(final LocalCluster cluster, final long records) throws InterruptedException {
        final long start = Outputs.committedEnd(cluster.clientProps(), Topics.ATHLETE_PROJECTIONS.name());
        final long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (Outputs.committedEnd(cluster.clientProps(), Topics.ATHLETE_PROJECTIONS.name()) < start + records) {
            assertTrue(System.nanoTime() < deadline, "no progress on athlete-projections");
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }
}
