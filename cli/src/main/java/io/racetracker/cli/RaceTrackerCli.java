package io.racetracker.cli;

import io.racetracker.cli.bench.BenchCommand;
import io.racetracker.streams.FormatLocale;
import java.io.UncheckedIOException;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./race-tracker}: one launcher for every part of the tracker. */
@Command(name = "race-tracker", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Live marathon tracking on Kafka Streams: pace, projected finish and the chance of a target time.",
        subcommands = {DemoCommand.class, BrokerCommand.class, ProduceCommand.class, StreamsCommand.class,
            ConsoleConsumerCommand.class, TopicsCommand.class, VerifyCommand.class, BacktestCommand.class,
            FitModelCommand.class, BenchCommand.class, RaceCommand.class, IngestCommand.class, CorrectCommand.class})
public final class RaceTrackerCli {

    public static void main(final String[] args) {
        // Kafka Streams formats a text per record; where it changes no text, let it take Formatter's shortcut
        FormatLocale.pinWhereNothingChanges();
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling: a user's mistake gets one clear line, never a stack trace. */
    static CommandLine commandLine() {
        final CommandLine cli = new CommandLine(new RaceTrackerCli());
        cli.setExecutionExceptionHandler((error, command, parsed) -> {
            if (error instanceof IllegalArgumentException || error instanceof IllegalStateException
                    || error instanceof UncheckedIOException) {
                command.getErr().println("race-tracker: " + error.getMessage());
                return 1;
            }
            if (error instanceof KafkaException) {
                command.getErr().println("race-tracker: Kafka did not answer as expected (" + error.getMessage()
                        + "); is it running at the --bootstrap-server given (default " + KafkaOptions.DEFAULT_BOOTSTRAP + ")?");
                return 1;
            }
            throw error;
        });
        return cli;
    }
}
