package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Course;
import io.racetracker.core.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code race} on a real broker: a race file with errors publishes nothing and names every problem with its line; a
 * good one publishes the course and the usable entrants, reporting each bad row with its line; running it again with
 * a changed file updates that entrant and nothing else.
 */
class RaceCommandIT {
    private static final String RACE = "raceId: city-10k\nname: City 10K\ntimeZone: America/Chicago\ndate: 2026-10-11\n"
            + "distanceM: 10000\nunits: mi\ntarget: \"0:50:00\"\nwaves:\n"
            + "  - {id: A, start: \"07:30:00\", bibs: \"1-99\"}\n  - {id: B, start: \"07:45:00\", bibs: \"100-199\"}\n"
            + "timingPoints:\n  - {id: START, distanceM: 0}\n  - {id: 5K, distanceM: 5000}\n"
            + "  - {id: FINISH, distanceM: 10000}\n";

    @Test
    void badFilesAreReportedByLineAndOnlyWhatIsUsableIsPublished(@TempDir final Path dir) throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir)) {
            final Path broken = dir.resolve("broken.yaml");
            Files.writeString(broken, RACE.replace("America/Chicago", "America/Chicgo").replace("bibs: \"100-199\"",
                    "bibs: \"90-199\""));
            final Launcher refused = cluster.start("race", broken.toString(), "--bootstrap-server", cluster.bootstrap);
            assertEquals(1, refused.awaitExit(Duration.ofMinutes(1)), refused.output());
            assertTrue(refused.output().contains("broken.yaml:3: field 'timeZone'"), refused.output());
            assertTrue(refused.output().contains("broken.yaml:10: field 'waves[1].bibs'"), refused.output());
            assertFalse(refused.output().contains("Exception"), refused.output());

            final Path race = dir.resolve("race.yaml");
            Files.writeString(race, RACE);
            final Path entrants = dir.resolve("entrants.csv");
            Files.writeString(entrants, "\uFEFFBib;Name;Sex;Age;Chip\n"
                    + "1;\"Pat O'Brien; Jr.\";m;34;C001\n"
                    + "2;Ann Lee;W;3;C002\n"
                    + ";No Bib;F;30;C003\n"
                    + "1;Second One;M;40;C004\n"
                    + "500;Lost Wave;M;40;C005\n"
                    + "150;Bo Ek;X;51;C006\n");
            final Launcher published = cluster.start("race", race.toString(), "--entrants", entrants.toString(),
                    "--bootstrap-server", cluster.bootstrap);
            assertEquals(0, published.awaitExit(Duration.ofMinutes(1)), published.output());
            final String out = published.output();
            assertTrue(out.contains("entrants.csv:4: field 'bib'"), out);
            assertTrue(out.contains("entrants.csv:5: field 'bib'"), "a bib already used: " + out);
            assertTrue(out.contains("entrants.csv:6: field 'wave'"), "a bib in no wave: " + out);
            assertTrue(out.contains("entrants.csv:3: field 'age'"), "kept, the age left out: " + out);

            final List<Course> courses = Outputs.byKey(cluster.clientProps(), Topics.RACE_COURSES).values().stream()
                    .flatMap(List::stream).toList();
            assertEquals(1, courses.size(), "nothing from the broken file, the good course once");
            assertEquals("mi", courses.get(0).units().symbol());
            assertEquals(Map.of("city-10k/1", "Pat O'Brien; Jr.", "city-10k/2", "Ann Lee", "city-10k/150", "Bo Ek"),
                    latestNames(cluster));

            Files.writeString(entrants, Files.readString(entrants).replace("Ann Lee", "Ann Lee-Smith"));
            final Launcher again = cluster.start("race", race.toString(), "--entrants", entrants.toString(),
                    "--bootstrap-server", cluster.bootstrap);
            assertEquals(0, again.awaitExit(Duration.ofMinutes(1)), again.output());
            assertEquals(Map.of("city-10k/1", "Pat O'Brien; Jr.", "city-10k/2", "Ann Lee-Smith", "city-10k/150", "Bo Ek"),
                    latestNames(cluster));
        }
    }

    private static Map<String, String> latestNames(final LocalCluster cluster) {
        return Outputs.byKey(cluster.clientProps(), Topics.RACE_ATHLETES).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> {
                    final List<Athlete> versions = e.getValue();
                    return versions.get(versions.size() - 1).name();
                }));
    }
}
