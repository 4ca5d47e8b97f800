package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
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
    void anUnknownOptionIsAUsageError() {
        final String[] lines = run(2, "demo", "--sped", "10");
        assertTrue(lines[0].startsWith("Unknown option") && lines[0].contains("'--sped'"), lines[0]);
    }
}
