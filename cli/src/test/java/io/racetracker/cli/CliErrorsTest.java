package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A user's mistake gets one clear line and exit code 1 (2 for usage), never a stack trace. */
class CliErrorsTest {

    private static String[] run(final int expectedExit, final String... args) {
        final StringWriter err = new StringWriter();
        final CommandLine cli = RaceTrackerCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertEquals(expectedExit, cli.execute(args), err.toString());
        return err.toString().strip().split("\\R");
    }

    @Test
    void kafkaThatDoesNotAnswerIsOneLineWithAHint() {
        final String[] lines = run(1, "verify", "--bootstrap-server", "127.0.0.1:1", "--timeout-seconds", "2");
        assertEquals(1, lines.length, String.join("\n", lines));
        assertTrue(lines[0].startsWith("race-tracker: Kafka did not answer as expected"), lines[0]);
        assertTrue(lines[0].endsWith("is it running at the --bootstrap-server given (default 127.0.0.1:29092)?"), lines[0]);
    }

    @Test
    void anUnknownScenarioListsTheKnownOnes() {
        final String[] lines = run(1, "produce", "--scenario", "nowhere-2030", "--bootstrap-server", "127.0.0.1:1");
        assertEquals(1, lines.length);
        assertTrue(lines[0].startsWith("race-tracker: unknown scenario 'nowhere-2030'; known: "), lines[0]);
    }

    @Test
    void streamsRefusesAcksOneInOneLineSayingWhatItWeakens() {
        final String[] lines = run(1, "streams", "-X", "acks=1", "--bootstrap-server", "127.0.0.1:1");
        assertEquals(1, lines.length, String.join("\n", lines));
        assertTrue(lines[0].startsWith("race-tracker: acks=1 lets a write be acknowledged before every in-sync replica"
                + " has it"), lines[0]);
        assertTrue(lines[0].endsWith("pass --allow-weaker-guarantees to run with it anyway"), lines[0]);
    }

    @Test
    void demoRefusesAtLeastOnceBeforeStartingAnything() {
        final String[] lines = run(1, "demo", "-X", "processing.guarantee=at_least_once", "--bootstrap-server",
                "127.0.0.1:1");
        assertEquals(1, lines.length, String.join("\n", lines));
        assertTrue(lines[0].startsWith("race-tracker: processing.guarantee=at_least_once gives up exactly-once"), lines[0]);
    }

    @Test
    void produceRefusesIdempotenceTurnedOffInAConfigFile(@TempDir final Path dir) throws IOException {
        final Path file = Files.writeString(dir.resolve("client.properties"), "enable.idempotence=false\n");
        final String[] lines = run(1, "produce", "--scenario", "vienna-2019", "--config", file.toString(),
                "--bootstrap-server", "127.0.0.1:1");
        assertEquals(1, lines.length, String.join("\n", lines));
        assertTrue(lines[0].startsWith("race-tracker: enable.idempotence=false lets a retried send write a read twice"),
                lines[0]);
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        final String[] lines = run(2, "demo", "--sped", "10");
        assertTrue(lines[0].startsWith("Unknown option") && lines[0].contains("'--sped'"), lines[0]);
    }
}
