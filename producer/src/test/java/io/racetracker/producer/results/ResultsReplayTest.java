package io.racetracker.producer.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.results.MatTime;
import io.racetracker.core.results.ResultsFile;
import io.racetracker.core.results.ResultsFormat;
import io.racetracker.core.results.ResultsReader;
import io.racetracker.core.results.RunnerResult;
import io.racetracker.producer.scenario.Scenario;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResultsReplayTest {
    @ParameterizedTest
    @CsvSource({"boston-2022-sample.csv, BOSTON", "london-2015-W-sample.psv, MAJORS"})
    void theEventsOfAReplayReassembleIntoTheFile(final String name, final ResultsFormat format) throws URISyntaxException {
        final Path file = Path.of(getClass().getResource("/results/" + name).toURI());
        final ResultsFile results = ResultsReader.read(file, format);
        final Scenario replay = ResultsReplay.scenario(results);

        // Then every row is an athlete and every read reassembles into that row: missing splits stay missing
        final Map<String, Athlete> byId = new HashMap<>();
        replay.athletes().forEach(a -> byId.put(a.athleteId(), a));
        final Map<String, Map<String, Long>> reassembled = new LinkedHashMap<>();
        Instant previous = Instant.MIN;
        for (final SplitEvent read : replay) {
            assertFalse(read.readAt().isBefore(previous), "reads in time order across the field");
            previous = read.readAt();
            final String bib = byId.get(read.athleteId()).bib();
            final Map<String, Long> row = reassembled.computeIfAbsent(bib, k -> new TreeMap<>());
            assertEquals(null, row.put(read.timingPointId(), read.elapsedMs()), "one read per mat");
        }
        assertEquals(results.runners().size(), replay.athletes().size());
        assertEquals(results.runners().size(), reassembled.size());
        boolean someMissing = false;
        for (final RunnerResult runner : results.runners()) {
            final Map<String, Long> expected = new TreeMap<>();
            for (final MatTime mat : runner.mats()) {
                if (mat.read()) {
                    expected.put(mat.label().toUpperCase(Locale.ROOT), mat.elapsedMs());
                }
            }
            expected.put("FINISH", runner.finishMs());
            someMissing |= !runner.complete();
            assertEquals(expected, reassembled.get(runner.bib()), "bib " + runner.bib());
        }
        assertTrue(someMissing, "the sample has missed mats");
        assertEquals(results.runners().size(), replay.finishers());
    }

    @ParameterizedTest
    @CsvSource({"boston-2022-sample.csv, boston-2022-sample", "Berlin 2016 (M).psv.gz, berlin-2016-m"})
    void theRaceIdComesFromTheFileName(final String name, final String raceId) {
        assertEquals(raceId, ResultsReplay.raceId(name));
    }
}
