package io.racetracker.cli.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaceIdPeekTest {

    @Test
    void raceIdAndStartMatOfTheExampleRace() {
        final RaceIdPeek.Peek peek = RaceIdPeek.of(Path.of(System.getProperty("race.tracker.home", ".."))
                .resolve("examples/riverside-10k/race.yaml"));
        assertEquals("riverside-10k-2026", peek.raceId());
        assertEquals(Optional.of("START"), peek.startMat());
    }

    @Test
    void quotedIdsBlockStyleAndNoStart(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("race.yaml");
        Files.writeString(file, "# race\nraceId: \"city-5k\"  # the id\ntimingPoints:\n  - id: GO\n    distanceM: 0\n");
        assertEquals(new RaceIdPeek.Peek("city-5k", Optional.of("GO")), RaceIdPeek.of(file));
        assertEquals(Optional.of("S"), RaceIdPeek.startMat("timingPoints: [{distanceM: 0, id: S}]"));
        assertEquals(Optional.empty(), RaceIdPeek.startMat("timingPoints:\n  - {id: 5K, distanceM: 5000}\n"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RaceIdPeek.of(dir.resolve("none.yaml")))
                .getMessage().contains("does not exist"));
        Files.writeString(file, "name: x\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RaceIdPeek.of(file)).getMessage()
                .contains("raceId"));
    }
}
