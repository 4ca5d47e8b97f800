package io.racetracker.core.racefile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Sex;
import io.racetracker.core.results.RowProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntrantsReaderTest {
    @TempDir
    Path dir;

    /** Waves A (bibs 1-499, 09:00) and B (500-999 and 2001-2050, 09:15). */
    private RaceFile race;

    @BeforeEach
    void readRace() throws IOException {
        race = RaceFileReader.read(Files.writeString(dir.resolve("race.yaml"), RaceFileReaderTest.EXAMPLE));
    }

    private Path csv(final String... lines) throws IOException {
        return Files.writeString(dir.resolve("entrants.csv"), String.join("\r\n", lines) + "\r\n");
    }

    private static String summary(final List<RowProblem> problems) {
        return problems.stream().map(p -> p.line() + " " + p.field()).toList().toString();
    }

    @Test
    void quotedNamesKeepTheirCommasAndQuotes() throws IOException {
        final Entrants entrants = EntrantsReader.read(csv(
                "bib,name,sex,age,country,category,target,wave,pacemaker,chip,id,shirt",
                "1,\"O\"\"Brien, Pat\",M,34,IRL,M30,0:40:00,,yes,,,L",
                "600,\"Lee, Ann\",female,29,,,,,,C600,A-600,M",
                "",
                "2001,Kim,x,,KOR,,,B,0,,,"), race);

        assertTrue(entrants.rejected().isEmpty(), entrants.rejected()::toString);
        assertTrue(entrants.warnings().isEmpty(), entrants.warnings()::toString);
        assertEquals(List.of(
                new Athlete("1", "riverside-10k-2026", "1", "O\"Brien, Pat", "IRL", Sex.M, "M30", 34, 2_400_000L, true,
                        null, "A"),
                new Athlete("A-600", "riverside-10k-2026", "600", "Lee, Ann", null, Sex.F, "OPEN", 29, null, false,
                        "C600", "B"),
                new Athlete("2001", "riverside-10k-2026", "2001", "Kim", "KOR", Sex.X, "OPEN", null, null, false, null,
                        "B")), entrants.athletes());
    }

    @Test
    void aByteOrderMarkAndSemicolonsAreRead() throws IOException {
        final Path file = dir.resolve("excel.csv");
        Files.write(file, ("\uFEFF Bib ;NAME;Sex;Wave;Notes\r\n"
                + "5;Müller, Jörg;m;A;first race, be nice\r\n"
                + "6;\"Anna; Berg\";W;B;\r\n").getBytes(StandardCharsets.UTF_8));

        final Entrants entrants = EntrantsReader.read(file, race);

        assertEquals(List.of("Müller, Jörg", "Anna; Berg"), entrants.athletes().stream().map(Athlete::name).toList());
        assertEquals(List.of(Sex.M, Sex.F), entrants.athletes().stream().map(Athlete::sex).toList());
        assertEquals("B", entrants.athletes().get(1).wave(), "the row's wave wins over the bib ranges");
        assertEquals(1, entrants.warnings().size(), entrants.warnings()::toString);
        assertEquals(3, entrants.warnings().get(0).line());
        assertEquals("wave", entrants.warnings().get(0).field());
    }

    @Test
    void aHeaderWithoutBibOrNameFailsNamingWhatWasFound() throws IOException {
        final Path file = csv("number,Name,sex", "1,Pat,M");

        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> EntrantsReader.read(file, race));

        assertTrue(error.getMessage().startsWith(file + ": line 1: no 'bib' column"), error::getMessage);
        assertTrue(error.getMessage().contains("found columns: number, Name, sex"), error::getMessage);
    }

    @Test
    void onlyBibAndNameAreNeeded() throws IOException {
        final Entrants entrants = EntrantsReader.read(csv("name,bib", "Pat,7", "Sam,800"), race);

        assertEquals(2, entrants.athletes().size());
        final Athlete pat = entrants.athletes().get(0);
        assertEquals("7", pat.athleteId());
        assertEquals("7", pat.chipOrBib());
        assertNull(pat.chip());
        assertEquals(Sex.X, pat.sex());
        assertEquals("OPEN", pat.category());
        assertEquals("A", pat.wave());
        assertEquals("B", entrants.athletes().get(1).wave());
    }

    @Test
    void badValuesAreDroppedWithAWarningAndTheEntrantKept() throws IOException {
        final Entrants entrants = EntrantsReader.read(csv(
                "bib,name,sex,age,target,pacemaker",
                "1,Pat,?,300,fast,maybe",
                "2,Sam,Male,abc,0:00:00,x"), race);

        assertTrue(entrants.rejected().isEmpty(), entrants.rejected()::toString);
        assertEquals("[2 sex, 2 age, 2 target, 2 pacemaker, 3 age, 3 target]", summary(entrants.warnings()));
        final Athlete pat = entrants.athletes().get(0);
        assertEquals(Sex.X, pat.sex());
        assertNull(pat.age());
        assertNull(pat.targetMs());
        assertFalse(pat.pacemaker());
        assertTrue(entrants.warnings().get(2).reason().contains("H:MM:SS"), entrants.warnings().get(2)::reason);
        assertTrue(entrants.warnings().get(2).reason().contains("0:45:00"), "names the target used instead");
        assertTrue(entrants.athletes().get(1).pacemaker());
        assertTrue(entrants.warnings().get(0).toString().startsWith(dir.resolve("entrants.csv") + ":2: field 'sex'"));
    }

    @Test
    void rowsThatCannotBeEntrantsAreRejectedWithTheEarlierLine() throws IOException {
        final Entrants entrants = EntrantsReader.read(csv(
                "bib,name,chip,id,wave",
                "1,Pat,C1,,",
                "1,Sam,,,",
                "2,Kim,C1,,",
                "3,Lee,,1,",
                "4,Ann,,,Z",
                "1500,Bo,,,",
                ",Nobody,,,",
                "5,,,,",
                "6,\"Two",
                "Lines\",,,",
                "7,Last,,,"), race);

        assertEquals(List.of("1", "7"), entrants.athletes().stream().map(Athlete::bib).toList());
        assertEquals("[3 bib, 4 chip, 5 id, 6 wave, 7 wave, 8 bib, 9 name, 10 name]", summary(entrants.rejected()));
        final List<RowProblem> rejected = entrants.rejected();
        assertTrue(rejected.get(0).reason().contains("line 2"), rejected.get(0)::reason);
        assertTrue(rejected.get(1).reason().contains("chip C1") && rejected.get(1).reason().contains("line 2"),
                rejected.get(1)::reason);
        assertTrue(rejected.get(3).reason().contains("'Z'") && rejected.get(3).reason().contains("A, B"),
                rejected.get(3)::reason);
        assertTrue(rejected.get(4).reason().contains("bib 1500 is in no wave"), rejected.get(4)::reason);
        assertTrue(rejected.get(7).reason().contains("line break"), rejected.get(7)::reason);
        assertEquals(6, EntrantsReader.read(csv("bib,name", "", "", "", "1,Pat", "1,Sam"), race).rejected().get(0)
                .line(), "blank lines count");
    }

    @Test
    void aRaceWithoutWavesTakesNoWaveColumn() throws IOException {
        final RaceFile noWaves = RaceFileReader.read(Files.writeString(dir.resolve("flat.yaml"),
                RaceFileReaderTest.EXAMPLE.replaceAll("(?s)waves:.*?(?=timingPoints:)", "")));

        final Entrants entrants = EntrantsReader.read(csv("bib,name,wave", "1,Pat,", "2,Sam,A"), noWaves);

        assertNull(entrants.athletes().get(0).wave());
        assertEquals("[3 wave]", summary(entrants.rejected()));
    }
}
