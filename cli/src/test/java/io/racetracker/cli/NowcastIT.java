package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.RaceConditions;
import io.racetracker.core.results.MatTime;
import io.racetracker.core.results.ResultsFile;
import io.racetracker.core.results.ResultsFormat;
import io.racetracker.core.results.ResultsReader;
import io.racetracker.core.results.RunnerResult;
import io.racetracker.core.topic.Topics;
import io.racetracker.testing.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nowcast through a real broker: the athletes' tasks count every runner's stretches, the race's task publishes
 * the race's conditions on {@code race-conditions}, and its total is in a changelogged store. Half of Boston 2022's
 * field is replayed, the app is killed and a new instance with an empty state directory takes over (its state comes
 * from the changelogs alone), then the other half: the race's conditions count every runner of both halves, per
 * stretch, exactly.
 */
class NowcastIT {
    private static final String RACE = "boston-2022";
    private static final String[] NOWCAST_EVERY_SECOND = {"-X", "race.tracker.conditions.interval.ms=1000"};
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @Test
    void theRacesDayIsCountedWholeAcrossARestart(@TempDir final Path dir) throws Exception {
        final Path results = Path.of(NowcastIT.class.getResource("/results/" + RACE + ".csv").toURI());
        final List<String> lines = Files.readAllLines(results, StandardCharsets.UTF_8);
        final int half = 1 + (lines.size() - 1) / 2;
        final Path first = half(dir.resolve("first"), lines.get(0), lines.subList(1, half));
        final Path second = half(dir.resolve("second"), lines.get(0), lines.subList(half, lines.size()));
        final long[] firstCounts = stretchCounts(first);
        final long[] bothCounts = add(firstCounts, stretchCounts(second));
        assertTrue(firstCounts[firstCounts.length - 1] > 10, Arrays.toString(firstCounts));

        try (LocalCluster cluster = new LocalCluster(dir)) {
            final Launcher before = cluster.startStreams(1, 0, NOWCAST_EVERY_SECOND);
            replay(cluster, first);
            final RaceConditions counted = awaitCounts(cluster, firstCounts);
            assertTrue(counted.summary().startsWith("the field is running"), counted.summary());

            cluster.kill(before);
            cluster.startStreams(2, 0, NOWCAST_EVERY_SECOND);
            replay(cluster, second);
            final RaceConditions whole = awaitCounts(cluster, bothCounts);
            assertTrue(whole.summary().endsWith("after 42.2 km (" + bothCounts[bothCounts.length - 1] + " runners)"),
                    whole.summary());
            assertTrue(Double.isFinite(whole.fieldSlowdown()));
        }
    }

    private static Path half(final Path dir, final String header, final List<String> rows) throws Exception {
        Files.createDirectories(dir);
        final List<String> file = new ArrayList<>();
        file.add(header);
        file.addAll(rows);
        // the race id is the file's name: both halves are one race
        return Files.write(dir.resolve(RACE + ".csv"), file, StandardCharsets.UTF_8);
    }

    private static void replay(final LocalCluster cluster, final Path results) throws Exception {
        final Launcher producer = cluster.start("produce", "--results", results.toString(), "--format", "boston",
                "--max-rate", "--bootstrap-server", cluster.bootstrap);
        assertEquals(0, producer.awaitExit(Duration.ofMinutes(2)), producer.output());
    }

    /** Per stretch between two mats, the runners read at both ends (the finish read for every finisher). */
    private static long[] stretchCounts(final Path results) throws Exception {
        final ResultsFile file = ResultsReader.read(results, ResultsFormat.BOSTON);
        assertTrue(file.problems().isEmpty(), file.problems().toString());
        final int mats = file.runners().get(0).mats().size();
        final long[] counts = new long[mats];
        for (final RunnerResult runner : file.runners()) {
            final List<MatTime> read = runner.mats();
            for (int s = 0; s < mats; s++) {
                if (read.get(s).read() && (s + 1 == mats || read.get(s + 1).read())) {
                    counts[s]++;
                }
            }
        }
        return counts;
    }

    private static long[] add(final long[] a, final long[] b) {
        final long[] sum = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] + b[i];
        }
        return sum;
    }

    private static RaceConditions awaitCounts(final LocalCluster cluster, final long[] expected) {
        return Await.until(() -> latest(cluster), c -> c != null && Arrays.equals(expected, runners(c)), DEADLINE,
                c -> "the race's conditions never counted " + Arrays.toString(expected) + " runners per stretch: "
                        + (c == null ? "none published" : Arrays.toString(runners(c)) + ", " + c.summary()));
    }

    private static RaceConditions latest(final LocalCluster cluster) {
        final List<RaceConditions> all = Outputs.byKey(cluster.clientProps(), Topics.RACE_CONDITIONS).get(RACE);
        return all == null || all.isEmpty() ? null : all.get(all.size() - 1);
    }

    private static long[] runners(final RaceConditions conditions) {
        return conditions.stretches().stream().mapToLong(RaceConditions.Stretch::runners).toArray();
    }
}
