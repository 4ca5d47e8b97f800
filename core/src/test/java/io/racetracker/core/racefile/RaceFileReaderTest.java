package io.racetracker.core.racefile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Course;
import io.racetracker.core.event.TimingPoint;
import io.racetracker.core.event.Units;
import io.racetracker.core.event.Wave;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaceFileReaderTest {
    /** The example of the race file format; line numbers below refer to it. */
    static final String EXAMPLE = """
            raceId: riverside-10k-2026
            name: Riverside 10K
            timeZone: Europe/Vienna          # IANA zone; the race's local time
            date: 2026-11-29
            distanceM: 10000
            units: km                         # km or mi
            target: "0:45:00"                 # default target H:MM:SS; entrants may have their own
            courseRecord: "0:27:44"           # optional
            lapLengthM: 2400                  # optional, lap courses only
            start: "09:00:00"                 # optional gun time when there are no waves
            waves:                            # gun times of day, which bibs start in each
              - {id: A, start: "09:00:00", bibs: "1-499"}
              - {id: B, start: "09:15:00", bibs: "500-999, 2001-2050"}
            timingPoints:                     # START optional (at 0 m); FINISH last, at distanceM
              - {id: START, distanceM: 0}
              - {id: 5K, distanceM: 5000, label: "5 km"}
              - {id: FINISH, distanceM: 10000}
            """;

    @TempDir
    Path dir;

    private Path write(final String name, final String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private RaceFileException rejected(final String text) throws IOException {
        final Path file = write("race.yaml", text);
        return assertThrows(RaceFileException.class, () -> RaceFileReader.read(file));
    }

    private static FileProblem problemAt(final RaceFileException error, final String field) {
        return error.problems().stream().filter(p -> p.field().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem with field " + field + " in:\n" + error.getMessage()));
    }

    @Test
    void theExampleBecomesACourseWithGunTimesInTheRaceZone() throws IOException {
        final RaceFile race = RaceFileReader.read(write("riverside.yaml", EXAMPLE));

        assertEquals("riverside-10k-2026", race.raceId());
        assertEquals(2_700_000L, race.targetMs());
        assertEquals(27 * 60_000L + 44_000L, race.courseRecordMs());
        assertEquals(List.of("START", "5K", "FINISH"), race.timingPoints().stream().map(TimingPoint::id).toList());
        assertEquals(Instant.parse("2026-11-29T08:00:00Z"), race.at(LocalTime.of(9, 0)), "Vienna is UTC+1 in winter");

        final Course course = race.course();
        assertEquals("Riverside 10K", course.name());
        assertEquals(10_000, course.distanceM());
        assertEquals(2400.0, course.lapLengthM());
        assertEquals(Instant.parse("2026-11-29T08:00:00Z"), course.startTime());
        assertEquals("Europe/Vienna", course.timeZone());
        assertEquals(Units.KM, course.units());
        assertEquals(List.of("5K", "FINISH"), course.timingPoints().stream().map(TimingPoint::id).toList(),
                "no reads come from the start line");
        assertEquals("5 km", course.timingPoints().get(0).label());
        assertEquals(List.of(new Wave("A", Instant.parse("2026-11-29T08:00:00Z"), "1-499"),
                new Wave("B", Instant.parse("2026-11-29T08:15:00Z"), "500-999, 2001-2050")), course.waves());
    }

    @Test
    void bibsFindTheirWave() throws IOException {
        final RaceFile race = RaceFileReader.read(write("riverside.yaml", EXAMPLE));

        assertEquals("A", race.waveOfBib("1").orElseThrow().id());
        assertEquals("B", race.waveOfBib("2050").orElseThrow().id());
        assertTrue(race.waveOfBib("1000").isEmpty());
        assertTrue(race.waveOfBib("A12").isEmpty(), "a bib that is not a number is in no range");
    }

    @Test
    void withoutWavesTheGunIsTheStartOrLocalMidnight() throws IOException {
        final String noWaves = EXAMPLE.replaceAll("(?s)waves:.*?(?=timingPoints:)", "");
        final Course course = RaceFileReader.read(write("start.yaml", noWaves)).course();
        assertEquals(Instant.parse("2026-11-29T08:00:00Z"), course.startTime());
        assertTrue(course.waves().isEmpty());

        final String noStart = noWaves.replaceAll("start: \"09:00:00\".*\n", "");
        assertEquals(Instant.parse("2026-11-28T23:00:00Z"),
                RaceFileReader.read(write("midnight.yaml", noStart)).course().startTime());
    }

    @Test
    void jsonWithTheSameFieldsIsAccepted() throws IOException {
        final Path json = write("riverside.json", """
                {
                \t"raceId": "riverside-10k-2026",
                \t"name": "Riverside 10K",
                \t"timeZone": "Europe/Vienna",
                \t"date": "2026-11-29",
                \t"distanceM": 10000,
                \t"units": "km",
                \t"target": "0:45:00",
                \t"courseRecord": "0:27:44",
                \t"lapLengthM": 2400,
                \t"start": "09:00:00",
                \t"waves": [
                \t\t{"id": "A", "start": "09:00:00", "bibs": "1-499"},
                \t\t{"id": "B", "start": "09:15:00", "bibs": "500-999, 2001-2050"}
                \t],
                \t"timingPoints": [
                \t\t{"id": "START", "distanceM": 0},
                \t\t{"id": "5K", "distanceM": 5000, "label": "5 km"},
                \t\t{"id": "FINISH", "distanceM": 10000}
                \t]
                }
                """);

        assertEquals(RaceFileReader.read(write("riverside.yaml", EXAMPLE)).course(), RaceFileReader.read(json).course());
    }

    @Test
    void aBadTimeZoneNamesFileLineAndField() throws IOException {
        final RaceFileException error = rejected(EXAMPLE.replace("Europe/Vienna", "Europe/Viena"));

        assertEquals(1, error.problems().size(), error::getMessage);
        final FileProblem problem = error.problems().get(0);
        assertEquals(3, problem.line());
        assertEquals("timeZone", problem.field());
        assertTrue(problem.reason().contains("Europe/Viena") && problem.reason().contains("IANA"), problem::reason);
        assertTrue(error.getMessage().startsWith(dir.resolve("race.yaml") + ":3: field 'timeZone': "),
                error::getMessage);
    }

    @Test
    void aBadTimeSaysWhatWasExpected() throws IOException {
        final RaceFileException error = rejected(EXAMPLE.replace("\"0:45:00\"", "45 min")
                .replace("{id: B, start: \"09:15:00\"", "{id: B, start: \"9:75\""));

        final FileProblem target = problemAt(error, "target");
        assertEquals(7, target.line());
        assertTrue(target.reason().contains("H:MM:SS"), target::reason);
        final FileProblem waveStart = problemAt(error, "waves[1].start");
        assertEquals(13, waveStart.line());
        assertTrue(waveStart.reason().contains("HH:MM"), waveStart::reason);
    }

    @Test
    void overlappingWavesNameBothWaves() throws IOException {
        final RaceFileException error = rejected(EXAMPLE.replace("\"500-999, 2001-2050\"", "\"2001-2050, 400-999\""));

        final FileProblem problem = problemAt(error, "waves[1].bibs");
        assertEquals(13, problem.line());
        assertTrue(problem.reason().contains("wave 'A'") && problem.reason().contains("wave 'B'"), problem::reason);
        assertTrue(problem.reason().contains("line 12") && problem.reason().contains("bib 400"), problem::reason);
    }

    @Test
    void timingPointsOutOfCourseOrderAreNamed() throws IOException {
        final RaceFileException error = rejected(EXAMPLE.replace("  - {id: FINISH, distanceM: 10000}",
                "  - {id: 2K, distanceM: 2000}\n  - {id: FINISH, distanceM: 10000}"));

        final FileProblem problem = problemAt(error, "timingPoints[2].distanceM");
        assertEquals(17, problem.line());
        assertTrue(problem.reason().contains("course order") && problem.reason().contains("'5K'"), problem::reason);
    }

    @Test
    void aMissingFinishIsNamed() throws IOException {
        final RaceFileException error = rejected(EXAMPLE.replace("  - {id: FINISH, distanceM: 10000}\n", ""));

        final FileProblem problem = problemAt(error, "timingPoints[1].distanceM");
        assertEquals(16, problem.line());
        assertTrue(problem.reason().contains("finish") && problem.reason().contains("10000"), problem::reason);
    }

    @Test
    void aStartThatIsNotFirstOrNotAtZeroIsNamed() throws IOException {
        final RaceFileException error = rejected(EXAMPLE.replace("{id: START, distanceM: 0}",
                "{id: START, distanceM: 100}"));
        assertEquals(15, problemAt(error, "timingPoints[0].distanceM").line());
    }

    @Test
    void anUnknownFieldSuggestsTheKnownOne() throws IOException {
        final RaceFileException error = rejected(EXAMPLE.replace("distanceM: 10000\nunits", "distnceM: 10000\nunits"));

        final FileProblem typo = problemAt(error, "distnceM");
        assertEquals(5, typo.line());
        assertTrue(typo.reason().contains("did you mean distanceM?"), typo::reason);
        assertTrue(typo.reason().contains("raceId, name, timeZone"), typo::reason);
        final FileProblem missing = problemAt(error, "distanceM");
        assertTrue(missing.reason().startsWith("missing"), missing::reason);

        final RaceFileException inWave = rejected(EXAMPLE.replace("bibs: \"1-499\"", "bib: \"1-499\""));
        assertEquals(12, problemAt(inWave, "waves[0].bib").line());
    }

    @Test
    void aYamlSyntaxErrorIsOneProblemWithItsLine() throws IOException {
        final RaceFileException error = rejected(EXAMPLE.replace("{id: 5K, distanceM: 5000, label: \"5 km\"}",
                "{id: 5K, distanceM: 5000, label: \"5 km\""));

        assertEquals(1, error.problems().size(), error::getMessage);
        final FileProblem problem = error.problems().get(0);
        assertEquals("(syntax)", problem.field());
        assertEquals(17, problem.line(), error::getMessage);
        assertTrue(problem.reason().startsWith("not valid YAML"), problem::reason);
        assertFalse(error.getMessage().contains("\tat "), "no stack trace");
    }

    @Test
    void everyProblemIsReportedOnceInLineOrder() throws IOException {
        final RaceFileException error = rejected(EXAMPLE
                .replace("raceId: riverside-10k-2026", "raceId: riverside/10k")
                .replace("date: 2026-11-29", "date: 29.11.2026")
                .replace("units: km", "units: furlongs")
                .replace("lapLengthM: 2400", "lapLengthM: -1")
                .replace("\"500-999, 2001-2050\"", "\"999-500\"")
                .replace("{id: 5K, distanceM: 5000,", "{id: 5K, distanceM: 15000, lap: 0,"));

        assertEquals(List.of("raceId", "date", "units", "lapLengthM", "waves[1].bibs", "timingPoints[1].distanceM",
                        "timingPoints[1].lap"),
                error.problems().stream().map(FileProblem::field).toList(), error::getMessage);
        assertEquals(List.of(1L, 4L, 6L, 9L, 13L, 16L, 16L), error.problems().stream().map(FileProblem::line).toList());
        assertEquals(7, error.getMessage().lines().count(), error::getMessage);
    }

    @Test
    void requiredFieldsAreNamedWhenMissing() throws IOException {
        final RaceFileException error = rejected("name: Riverside 10K\n");

        assertEquals(List.of("raceId", "timeZone", "date", "distanceM", "target", "timingPoints"),
                error.problems().stream().map(FileProblem::field).toList(), error::getMessage);
        assertTrue(error.problems().stream().allMatch(p -> p.line() == 1));
    }

    @Test
    void wavesAndCrossingsAreUnique() throws IOException {
        final RaceFileException error = rejected(EXAMPLE.replace("{id: B,", "{id: A,")
                .replace("{id: 5K, distanceM: 5000, label: \"5 km\"}", "{id: 5K, distanceM: 5000}\n  - {id: 5K, distanceM: 7000}"));

        assertTrue(problemAt(error, "waves[1].id").reason().contains("line 12"), error::getMessage);
        assertTrue(problemAt(error, "timingPoints[2].id").reason().contains("lap"), error::getMessage);
    }

    @Test
    void lapCoursesNameEachCrossingByLap() throws IOException {
        final RaceFile race = RaceFileReader.read(write("laps.yaml", """
                raceId: track-5000
                timeZone: UTC
                date: 2026-07-01
                distanceM: 5000
                target: "14:00"
                lapLengthM: 2500
                timingPoints:
                  - {id: LOOP, distanceM: 2500, lap: 1}
                  - {id: LOOP, distanceM: 5000, lap: 2}
                """));

        assertEquals(List.of("LOOP#1", "LOOP#2"), race.course().timingPoints().stream().map(TimingPoint::crossingId)
                .toList());
        assertEquals(Units.KM, race.units());
        assertNull(race.courseRecordMs());
        assertEquals("track-5000", race.name());
    }

    @Test
    void aMissingFileIsAClearError() {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> RaceFileReader.read(dir.resolve("nope.yaml")));
        assertTrue(error.getMessage().contains("not found"), error::getMessage);
    }

    @Test
    void bibRangesAreNormalizedAndCompared() {
        final BibRanges ranges = BibRanges.parse(" 2001-2050,1 - 499, 7 ");
        assertEquals("1-499, 2001-2050", ranges.toString());
        assertEquals("7", BibRanges.parse("7").toString());
        assertTrue(BibRanges.parse("").isEmpty());
        assertTrue(ranges.contains("0499"));
        assertFalse(ranges.contains("500"));
        assertFalse(ranges.contains("12A"));
        assertTrue(ranges.overlaps(BibRanges.parse("2050-3000")));
        assertFalse(ranges.overlaps(BibRanges.parse("500-2000")));
        assertEquals(BibRanges.parse("1-5, 6-10"), BibRanges.parse("1-10"));
        assertThrows(IllegalArgumentException.class, () -> BibRanges.parse("10-1"));
        assertThrows(IllegalArgumentException.class, () -> BibRanges.parse("1-499,, 600"));
        assertThrows(IllegalArgumentException.class, () -> BibRanges.parse("A1-A9"));
    }
}
