package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.cli.verify.Books;
import io.racetracker.core.event.RaceResult;
import io.racetracker.core.results.ResultsFile;
import io.racetracker.core.results.ResultsFormat;
import io.racetracker.core.results.ResultsReader;
import io.racetracker.core.results.RunnerResult;
import io.racetracker.core.topic.Keys;
import io.racetracker.core.topic.Topics;
import io.racetracker.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One cluster and one streams app carry two races at once: Boston 2022 and Boston 2023 replayed side by side, the same
 * 80 bibs in both. With the athlete topics keyed {@code raceId/athleteId}, neither year's reads are taken for the
 * other's duplicates, and each year's results are exactly its own file's.
 */
class SeveralRacesIT {

    @Test
    void twoYearsOfOneRaceWithTheSameBibsRunSideBySide(@TempDir final Path dir) throws Exception {
        final Path year2022 = resource("/results/boston-2022.csv");
        final Path year2023 = resource("/results/boston-2023.csv");
        final Map<String, Long> expected = new TreeMap<>();
        expected.putAll(finishTimes("boston-2022", ResultsReader.read(year2022, ResultsFormat.BOSTON)));
        expected.putAll(finishTimes("boston-2023", ResultsReader.read(year2023, ResultsFormat.BOSTON)));

        try (LocalCluster cluster = new LocalCluster(dir)) {
            cluster.startStreams();
            final Launcher first = cluster.start("produce", "--results", year2022.toString(), "--format", "boston",
                    "--max-rate", "--bootstrap-server", cluster.bootstrap);
            final Launcher second = cluster.start("produce", "--results", year2023.toString(), "--format", "boston",
                    "--max-rate", "--bootstrap-server", cluster.bootstrap);
            assertEquals(0, first.awaitExit(Duration.ofMinutes(2)), first.output());
            assertEquals(0, second.awaitExit(Duration.ofMinutes(2)), second.output());

            final Map<String, Long> results = Await.until(() -> latestFinishTimes(cluster), expected::equals,
                    Duration.ofMinutes(2), seen -> "results are not each year's own: " + difference(expected, seen));
            assertEquals(160, results.size(), "80 runners in each of two races, the same bibs");

            final Books books = Await.until(() -> Books.read(cluster.clientProps(), Duration.ofMinutes(1)), Books::balance,
                    Duration.ofMinutes(1), b -> "the books never balanced: " + b);
            for (final String race : List.of("boston-2022", "boston-2023")) {
                final Books.Account total = books.total(race);
                assertEquals(0, total.duplicates(), race + ": no read taken for another race's duplicate");
                assertTrue(total.accepted() > 0, race + ": reads accepted in its own race");
            }
        }
    }

    private static Map<String, Long> finishTimes(final String raceId, final ResultsFile file) {
        assertTrue(file.problems().isEmpty(), file.problems().toString());
        return file.runners().stream().collect(Collectors.toMap(r -> Keys.athlete(raceId, "bib-" + r.bib()),
                RunnerResult::finishMs));
    }

    private static Map<String, Long> latestFinishTimes(final LocalCluster cluster) {
        final Map<String, Long> latest = new TreeMap<>();
        Outputs.byKey(cluster.clientProps(), Topics.RACE_RESULTS).forEach((key, results) -> {
            final RaceResult last = results.get(results.size() - 1);
            assertEquals(key, Keys.athlete(last.raceId(), last.athleteId()), "keyed by its own race and athlete");
            latest.put(key, last.finishMs());
        });
        return latest;
    }

    private static String difference(final Map<String, Long> expected, final Map<String, Long> seen) {
        return expected.entrySet().stream().filter(e -> !e.getValue().equals(seen.get(e.getKey())))
                .limit(10).map(e -> e.getKey() + " expected " + e.getValue() + ", got " + seen.get(e.getKey()))
                .collect(Collectors.joining("; ")) + " (" + seen.size() + " results seen)";
    }

    private static Path resource(final String name) throws Exception {
        return Path.of(SeveralRacesIT.class.getResource(name).toURI());
    }
}
