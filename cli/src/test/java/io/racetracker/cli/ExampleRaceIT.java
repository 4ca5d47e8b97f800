package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.racefile.EntrantsReader;
import io.racetracker.core.racefile.RaceFile;
import io.racetracker.core.racefile.RaceFileReader;
import io.racetracker.core.topic.Keys;
import io.racetracker.core.topic.Topics;
import io.racetracker.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped example race end to end, as an organiser runs it: a broker, the streams app, {@code race} with the race
 * file and the entrants, {@code ingest} with the timing system's passings. Every finisher's result is the net time
 * the passings file gives (the first FINISH read less the first START read, or the wave's gun without one), worked
 * out here from the file itself; the stray and broken lines are dead letters with their line.
 */
class ExampleRaceIT {
    private static final Path EXAMPLE = Launcher.home().resolve("examples/riverside-10k");

    @Test
    void theExampleRacesResultsAreTheNetTimesOfItsPassings(@TempDir final Path dir) throws Exception {
        final Path raceYaml = EXAMPLE.resolve("race.yaml");
        final Path entrants = EXAMPLE.resolve("entrants.csv");
        final Path passings = EXAMPLE.resolve("passings.csv");
        final RaceFile race = RaceFileReader.read(raceYaml);
        final Map<String, Long> expected = netFinishTimes(race, entrants, passings);
        assertTrue(expected.size() > 200, "most of the field finishes: " + expected.size());

        try (LocalCluster cluster = new LocalCluster(dir)) {
            cluster.startStreams();
            final Launcher publish = cluster.start("race", raceYaml.toString(), "--entrants", entrants.toString(),
                    "--bootstrap-server", cluster.bootstrap);
            assertEquals(0, publish.awaitExit(Duration.ofMinutes(2)), publish.output());
            final Launcher ingest = cluster.start("ingest", raceYaml.toString(), passings.toString(),
                    "--bootstrap-server", cluster.bootstrap);
            assertEquals(0, ingest.awaitExit(Duration.ofMinutes(2)), ingest.output());

            final Map<String, Long> results = Await.until(() -> latestResults(cluster), expected::equals,
                    Duration.ofMinutes(2), seen -> "results are not the passings' net times: " + difference(expected, seen));
            assertEquals(expected, results);

            final List<DeadLetter> letters = Outputs.byKey(cluster.clientProps(), Topics.RACE_DEAD_LETTERS).values()
                    .stream().flatMap(List::stream).filter(d -> d.sourceTopic().startsWith("passings:")).toList();
            assertTrue(letters.stream().anyMatch(d -> d.code() == DeadLetter.Reason.UNKNOWN_CHIP), letters.toString());
            assertTrue(letters.stream().anyMatch(d -> d.code() == DeadLetter.Reason.MALFORMED_LINE), letters.toString());
            assertTrue(letters.stream().allMatch(d -> d.offset() > 1 && d.valueText() != null),
                    "each with its line number and the line itself: " + letters);
        }
    }

    /** Per athlete key, the first FINISH read less the first START read (or the wave's gun), from the file. */
    private static Map<String, Long> netFinishTimes(final RaceFile race, final Path entrants, final Path passings)
            throws Exception {
        final Map<String, String> bibOfChip = new HashMap<>();
        final Map<String, String> waveOfChip = new HashMap<>();
        EntrantsReader.read(entrants, race).athletes().forEach(a -> {
            bibOfChip.put(a.chipOrBib(), a.athleteId());
            waveOfChip.put(a.chipOrBib(), a.wave());
        });
        final Map<String, Instant> start = new HashMap<>();
        final Map<String, Instant> finish = new HashMap<>();
        final List<String> lines = Files.readAllLines(passings);
        final List<String> header = List.of(lines.get(0).split(","));
        for (final String line : lines.subList(1, lines.size())) {
            final String[] f = line.split(",", -1);
            if (f.length != header.size() || !bibOfChip.containsKey(f[0])) {
                continue; // broken lines and chips nobody wears
            }
            final Instant at;
            try {
                at = race.at(LocalTime.parse(f[header.indexOf("time")]));
            } catch (final RuntimeException garbled) {
                continue;
            }
            final String mat = f[header.indexOf("timing_point")];
            if (mat.equals("START")) {
                start.putIfAbsent(f[0], at);
            } else if (mat.equals("FINISH")) {
                finish.putIfAbsent(f[0], at);
            }
        }
        final Map<String, Long> net = new TreeMap<>();
        finish.forEach((chip, at) -> {
            final Instant from = start.getOrDefault(chip, race.at(race.wave(waveOfChip.get(chip)).orElseThrow().start()));
            net.put(Keys.athlete(race.raceId(), bibOfChip.get(chip)), at.toEpochMilli() - from.toEpochMilli());
        });
        return net;
    }

    private static Map<String, Long> latestResults(final LocalCluster cluster) {
        final Map<String, Long> latest = new TreeMap<>();
        Outputs.byKey(cluster.clientProps(), Topics.RACE_RESULTS)
                .forEach((key, results) -> latest.put(key, results.get(results.size() - 1).finishMs()));
        return latest;
    }

    private static String difference(final Map<String, Long> expected, final Map<String, Long> seen) {
        return expected.entrySet().stream().filter(e -> !e.getValue().equals(seen.get(e.getKey()))).limit(10)
                .map(e -> e.getKey() + " expected " + e.getValue() + ", got " + seen.get(e.getKey()))
                .collect(Collectors.joining("; ")) + " (" + seen.size() + " results seen)";
    }
}
