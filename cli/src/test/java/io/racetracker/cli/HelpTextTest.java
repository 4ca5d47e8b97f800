package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's --help renders cleanly: a description picocli cannot format prints a warning instead. */
class HelpTextTest {

    private static void collect(final CommandLine command, final List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    @Test
    void everyCommandsHelpRendersWithoutAWarning() {
        final List<CommandLine> commands = new ArrayList<>();
        collect(RaceTrackerCli.commandLine(), commands);
        assertTrue(commands.size() > 5, "the command tree was walked: " + commands.size());

        final PrintStream stderr = System.err;
        final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
            for (final CommandLine command : commands) {
                final String usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
                assertTrue(usage.startsWith("Usage: "), command.getCommandName() + ":\n" + usage);
                assertTrue(!usage.contains("%n"), command.getCommandName() + " has an unformatted %n:\n" + usage);
            }
        } finally {
            System.setErr(stderr);
        }
        // only picocli's own lines count: a client thread of an earlier test may still log to the same stream
        final String picocli = warnings.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("[picocli")).collect(Collectors.joining("\n"));
        assertEquals("", picocli, "picocli warned while rendering help");
    }
}
