package io.racetracker.core.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Sex;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ResultsReaderTest {

    public static Path sample(final String name) {
        try {
            return Path.of(ResultsReaderTest.class.getResource("/results/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsGzippedBostonSampleWithMissedMats() {
        final ResultsFile file = ResultsReader.read(sample("boston-2023-sample.csv.gz"), ResultsFormat.BOSTON);

        assertEquals(373, file.runners().size());
        assertTrue(file.problems().isEmpty(), () -> file.problems().toString());
        final RunnerResult winner = file.runners().get(0);
        assertEquals("1", winner.bib());
        assertEquals(34, winner.age());
        assertEquals(Sex.M, winner.sex());
        assertEquals(9, winner.mats().size());
        assertEquals(14 * 60_000 + 18_000, winner.mats().get(0).elapsedMs());
        assertEquals(21_097.5, winner.mats().get(4).distanceM());
        assertEquals((2 * 3600 + 5 * 60 + 54) * 1000L, winner.finishMs());
        assertTrue(file.runners().stream().anyMatch(r -> !r.complete()), "the sample has runners with missed mats");
    }

    @Test
    void readsMajorsWithLeadingSpacesNaNAndAgeGroups() {
        final ResultsFile file = ResultsReader.read(sample("berlin-2016-M-sample.psv"), ResultsFormat.MAJORS);

        assertEquals(134, file.runners().size() + file.problems().size());
        final RunnerResult first = file.runners().get(0);
        assertEquals("605", first.bib());
        assertEquals(62, first.age(), "60-64 is read as the middle of the group");
        assertEquals(3_366_000L, first.mats().get(0).elapsedMs());
        assertEquals(31_293_000L, first.finishMs());
        assertTrue(file.runners().stream().anyMatch(r -> !r.complete()), "NaN and 0.0 are missed mats");
    }

    @Test
    void ageGroupsWiderThanFiveYearsAreUnknown() {
        assertEquals(42, ResultsReader.ageFromGroup("40-44"));
        assertEquals(72, ResultsReader.ageFromGroup("70+"));
        assertNull(ResultsReader.ageFromGroup("18-39"));
        assertNull(ResultsReader.ageFromGroup("H"));
    }

    @Test
    void skipsAndReportsBadRowsWithLineAndField() {
        final ResultsFile file = ResultsReader.read(sample("boston-malformed.csv"), ResultsFormat.BOSTON);

        assertEquals(List.of("101", "102", "108"), file.runners().stream().map(RunnerResult::bib).toList());
        assertNull(file.runners().get(1).mats().get(1).elapsedMs(), "'-' is a missed mat");
        assertFalse(file.runners().get(1).complete());
        assertNull(file.runners().get(2).age());
        assertEquals(Sex.X, file.runners().get(2).sex());

        final List<RowProblem> problems = file.problems();
        assertEquals(5, problems.size(), problems::toString);
        assertEquals(4, problems.get(0).line());
        assertEquals("10K", problems.get(0).field());
        assertTrue(problems.get(0).reason().contains("H:MM:SS"), problems.get(0)::reason);
        assertEquals("finish", problems.get(1).field());
        assertEquals("15K", problems.get(2).field());
        assertTrue(problems.get(2).reason().contains("not after"), problems.get(2)::reason);
        assertEquals(7, problems.get(3).line());
        assertEquals("age", problems.get(4).field());
        assertTrue(problems.get(0).toString().contains("boston-malformed.csv:4"));
    }

    @Test
    void bostonQuotesMayHoldTheDelimiterAndAMajorsQuoteIsJustACharacter(@TempDir final Path dir) throws IOException {
        final Path boston = Files.writeString(dir.resolve("quoted.csv"), String.join("\n",
                "bib,name,age,sex,5K,10K,15K,20K,Half,25K,30K,35K,40K,finish",
                "201,\"O\"\"Brien, Pat\",34,M,0:20:00,0:40:00,1:00:00,1:20:00,1:24:23,1:40:00,2:00:00,2:20:00,2:40:00,2:48:47",
                "",
                "202,\"Lee, Ann\",29,F,0:20:00,0:4O:00,1:00:00,1:20:00,1:24:23,1:40:00,2:00:00,2:20:00,2:40:00,2:48:47"));
        // the majors files never quote: a stray quote (Chicago 2014 has one in a city) is part of its field
        final Path majors = Files.writeString(dir.resolve("stray-quote.psv"), String.join("\n",
                "year|bib|city|age_group|gender|5k|10k|15k|20k|half|25k|30k|35k|40k|finish",
                "2016|605|\"COAHUILA|60-64|M|3366.0|6753.0|10311.0|14082.0|14897.0|17893.0|21847.0|25787.0|29682.0"
                        + "|31293.0",
                "2016|606|Torreon|60-64|M|3366.0|6753.0|10311.0|14082.0|14897.0|17893.0|21847.0|25787.0|29682.0"
                        + "|31300.0"));

        final ResultsFile fromBoston = ResultsReader.read(boston, ResultsFormat.BOSTON);
        assertEquals(List.of("201"), fromBoston.runners().stream().map(RunnerResult::bib).toList());
        assertEquals(34, fromBoston.runners().get(0).age());
        assertEquals(1, fromBoston.problems().size(), fromBoston.problems()::toString);
        assertEquals(4, fromBoston.problems().get(0).line());
        assertEquals("10K", fromBoston.problems().get(0).field());

        final ResultsFile fromMajors = ResultsReader.read(majors, ResultsFormat.MAJORS);
        assertTrue(fromMajors.problems().isEmpty(), fromMajors.problems()::toString);
        assertEquals(62, fromMajors.runners().get(0).age());
        assertEquals(31_293_000L, fromMajors.runners().get(0).finishMs());
        assertEquals(List.of("605", "606"), fromMajors.runners().stream().map(RunnerResult::bib).toList());
    }

    @Test
    void wrongFormatNamesTheMissingColumn() {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ResultsReader.read(sample("berlin-2016-M-sample.psv"), ResultsFormat.BOSTON));
        assertTrue(error.getMessage().contains("line 1"), error::getMessage);
        assertTrue(error.getMessage().contains("--format"), error::getMessage);
    }

    @Test
    void missingFileIsAClearError(@TempDir final Path dir) {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ResultsReader.read(dir.resolve("nope.csv"), ResultsFormat.BOSTON));
        assertTrue(error.getMessage().contains("not found"), error::getMessage);
    }

    @Test
    void emptyFileIsAClearError(@TempDir final Path dir) throws IOException {
        final Path empty = Files.createFile(dir.resolve("empty.csv"));
        assertThrows(IllegalArgumentException.class, () -> ResultsReader.read(empty, ResultsFormat.BOSTON));
    }

    @Test
    void parsesFormatNames() {
        assertEquals(ResultsFormat.MAJORS, ResultsFormat.parse("Majors"));
        assertThrows(IllegalArgumentException.class, () -> ResultsFormat.parse("nyc"));
    }
}
