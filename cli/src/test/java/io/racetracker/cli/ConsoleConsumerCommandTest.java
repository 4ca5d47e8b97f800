package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** console-consumer takes --config, -X and KAFKA_* variables like every other command, and hands Kafka a file. */
class ConsoleConsumerCommandTest {

    private static ConsoleConsumerCommand parse(final String... args) {
        final ConsoleConsumerCommand command = new ConsoleConsumerCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void layersConfigFileVariablesAndFlagsIntoTheConsumersProperties(@TempDir final Path dir) throws IOException {
        final Path file = Files.writeString(dir.resolve("client.properties"),
                "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\nclient.id=from-file\n");
        final ConsoleConsumerCommand command = parse("--topic", "athlete-projections", "--from-beginning",
                "--config", file.toString(), "-X", "client.id=from-flag", "--property", "print.key=true");

        final Properties props = ConsoleConsumerCommand.consumerProperties(command.kafka, Map.of(
                "KAFKA_SASL_MECHANISM", "PLAIN", "KAFKA_SASL_JAAS_CONFIG", "org.example.Login required;",
                "KAFKA_HEAP_OPTS", "-Xmx1g"));

        assertEquals("read_committed", props.getProperty("isolation.level"), "only committed outputs by default");
        assertEquals(KafkaOptions.DEFAULT_BOOTSTRAP, props.getProperty("bootstrap.servers"));
        assertEquals("SASL_SSL", props.getProperty("security.protocol"), "from --config");
        assertEquals("PLAIN", props.getProperty("sasl.mechanism"), "a variable over the file");
        assertEquals("org.example.Login required;", props.getProperty("sasl.jaas.config"));
        assertEquals("from-flag", props.getProperty("client.id"), "-X over the file");
        assertEquals(null, props.getProperty("heap.opts"), "the scripts' variables are no client property");

        final Path consumerConfig = dir.resolve("consumer.properties");
        assertEquals(List.of("--topic", "athlete-projections", "--from-beginning", "--property", "print.key=true",
                        "--bootstrap-server", KafkaOptions.DEFAULT_BOOTSTRAP, "--command-config", consumerConfig.toString()),
                ConsoleConsumerCommand.arguments(props, command.args, consumerConfig),
                "Kafka's own options pass through; ours do not");
    }

    @Test
    void theBootstrapServerComesFromTheLayers() {
        final Properties fromVariable = ConsoleConsumerCommand.consumerProperties(parse("--topic", "t").kafka,
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092"));
        assertEquals("kafka-1:9092", fromVariable.getProperty("bootstrap.servers"));

        final Properties fromFlag = ConsoleConsumerCommand.consumerProperties(
                parse("--bootstrap-server", "kafka-2:9092", "--topic", "t").kafka,
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092", "KAFKA_ISOLATION_LEVEL", "read_uncommitted"));
        assertEquals("kafka-2:9092", fromFlag.getProperty("bootstrap.servers"), "the flag over the variable");
        assertEquals("read_uncommitted", fromFlag.getProperty("isolation.level"), "the default can be overridden");
    }

    @Test
    void kafkasOwnPropertiesFileOptionIsTakenAsTheConfigFile() {
        final List<String> args = new ArrayList<>(List.of("--topic", "t", "--consumer.config", "a.properties",
                "--max-messages", "3"));
        assertEquals(Path.of("a.properties"), ConsoleConsumerCommand.takeConfigFile(args));
        assertEquals(List.of("--topic", "t", "--max-messages", "3"), args);

        final List<String> other = new ArrayList<>(List.of("--command-config=b.properties", "--topic", "t"));
        assertEquals(Path.of("b.properties"), ConsoleConsumerCommand.takeConfigFile(other));
        assertEquals(List.of("--topic", "t"), other);
    }
}
