package io.racetracker.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

@Command(name = "console-consumer",
        description = {"Kafka's own kafka-console-consumer; every argument but --bootstrap-server, --config and -X is"
                + " passed through (try --help).",
            "Client properties are layered as for every other command: read_committed, then --config FILE, then KAFKA_*"
                + " variables, then -X key=value; Kafka's --command-config/--consumer.config FILE is read as --config.",
            "Example: console-consumer --topic athlete-projections --from-beginning --property print.key=true"})
final class ConsoleConsumerCommand implements Callable<Integer> {
    static final String MAIN_CLASS = "org.apache.kafka.tools.consumer.ConsoleConsumer";
    /** Kafka's own ways to name a consumer properties file (the second is deprecated in 4.x). */
    private static final List<String> FILE_OPTIONS = List.of("--command-config", "--consumer.config");

    @Mixin
    KafkaOptions kafka;

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        final List<String> passThrough = new ArrayList<>(args);
        final Path given = takeConfigFile(passThrough);
        if (given != null) {
            if (kafka.configFile != null) {
                throw new IllegalArgumentException("give one properties file: --config " + kafka.configFile
                        + " and " + given + " were both given");
            }
            kafka.configFile = given;
        }
        final Properties props = consumerProperties(kafka, System.getenv());
        final Path file = writeOwnerOnly(props);
        try {
            return LocalKafka.runTool(MAIN_CLASS, arguments(props, passThrough, file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The consumer's properties: read_committed, then --config, then KAFKA_* variables, then -X flags. */
    static Properties consumerProperties(final KafkaOptions kafka, final Map<String, String> env) {
        return kafka.layered(Map.of("isolation.level", "read_committed"), env);
    }

    /**
     * Kafka's arguments: those passed through, {@code --bootstrap-server} from the layered properties and the
     * properties file as {@code --command-config}. An {@code --isolation-level} passed through wins over the file.
     */
    static List<String> arguments(final Properties props, final List<String> passThrough, final Path file) {
        final List<String> out = new ArrayList<>(passThrough);
        out.addAll(List.of("--bootstrap-server", props.getProperty("bootstrap.servers")));
        out.addAll(List.of("--command-config", file.toString()));
        return out;
    }

    /** Removes Kafka's own properties-file option from the arguments and returns its file, or null. */
    static Path takeConfigFile(final List<String> args) {
        Path file = null;
        for (int i = 0; i < args.size(); i++) {
            final String arg = args.get(i);
            for (final String option : FILE_OPTIONS) {
                if (arg.equals(option) && i + 1 < args.size()) {
                    file = Path.of(args.get(i + 1));
                    args.subList(i, i + 2).clear();
                    i--;
                    break;
                } else if (arg.startsWith(option + "=")) {
                    file = Path.of(arg.substring(option.length() + 1));
                    args.remove(i);
                    i--;
                    break;
                }
            }
        }
        return file;
    }

    /** The properties may hold credentials (sasl.jaas.config): only this user can read the file. */
    private static Path writeOwnerOnly(final Properties props) {
        try {
            final Path file = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempFile("race-tracker-consumer", ".properties",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile("race-tracker-consumer", ".properties");
            file.toFile().deleteOnExit();
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                props.store(out, "race-tracker console-consumer: layered client properties");
            }
            return file;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write the consumer's properties file: " + e.getMessage(), e);
        }
    }
}
