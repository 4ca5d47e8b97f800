package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code race-tracker demo --until-finish} as a user runs it: own broker, streams app, live view, clean exit. */
class DemoIT {

    @Test
    void demoReplaysViennaToTheFinishAndLeavesNoBrokerBehind(@TempDir final Path dir) throws Exception {
        try (Launcher demo = Launcher.start(dir, "demo", "demo", "--speed", "1000", "--until-finish")) {
            demo.awaitOutput(out -> out.contains("Starting the streams app"), Duration.ofMinutes(2));
            final List<ProcessHandle> brokers = demo.process.descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("race-tracker-kafka-local.jar"))
                    .toList();
            assertEquals(1, brokers.size(), "the demo runs its broker as one child process");

            final int exit = demo.awaitExit(Duration.ofMinutes(3));

            final String out = demo.output();
            assertEquals(0, exit, out);
            assertTrue(out.contains("KIPCHOGE       5.0 km  0:14:10  avg 2:50/km"), out);
            assertTrue(out.contains("KIPCHOGE     FINISH   1:59:40"), out);
            assertTrue(out.contains("All 1 finishers of vienna-2019 are in"), out);
            for (final ProcessHandle broker : brokers) {
                broker.onExit().get(30, TimeUnit.SECONDS);
                assertTrue(!broker.isAlive(), "broker " + broker.pid() + " stopped with the demo");
            }
        }
    }

    @Test
    void anUnknownScenarioIsOneClearLineAndExitCodeOne(@TempDir final Path dir) throws Exception {
        try (Launcher demo = Launcher.start(dir, "bad", "demo", "--scenario", "berlin-1901")) {
            assertEquals(1, demo.awaitExit(Duration.ofMinutes(1)));
            final String out = demo.output().strip();
            assertTrue(out.startsWith("race-tracker: unknown scenario 'berlin-1901'; known: "), out);
            assertTrue(out.contains("vienna-2019") && out.lines().count() == 1, out);
        }
    }
}
