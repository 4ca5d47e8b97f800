package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml and the Dockerfile, checked as far as a machine without a Docker engine can: the services,
 * their ports and environment, every command against the real command line, and every file the image copies
 * against what the build produced (so this runs after packaging).
 */
class ComposeFileIT {
    private static final Path HOME = Launcher.home();

    private static JsonNode compose() throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(HOME.resolve("docker-compose.yml").toFile());
    }

    @Test
    void theServicesAreKafkaTopicsStreamsAndProducer() throws Exception {
        final JsonNode services = compose().get("services");
        final List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("kafka", "topics", "streams", "producer"), names);

        final JsonNode kafka = services.get("kafka");
        assertEquals("apache/kafka:4.3.1", kafka.get("image").asText(), "the Kafka version the project is built on");
        assertEquals("broker,controller", kafka.get("environment").get("KAFKA_PROCESS_ROLES").asText());
        for (final String key : List.of("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR",
                "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "KAFKA_DEFAULT_REPLICATION_FACTOR")) {
            assertEquals(1, kafka.get("environment").get(key).asInt(), key + " on a single node");
        }
        for (final String name : List.of("topics", "streams", "producer")) {
            assertEquals("race-tracker:latest", services.get(name).get("image").asText());
            assertEquals(".", services.get(name).get("build").asText());
        }
        assertEquals("service_completed_successfully",
                services.get("streams").get("depends_on").get("topics").get("condition").asText());
    }

    @Test
    void everyCommandIsOneTheCommandLineAccepts() throws Exception {
        final JsonNode services = compose().get("services");
        for (final String name : List.of("topics", "streams", "producer")) {
            final List<String> command = new ArrayList<>();
            services.get(name).get("command").forEach(word -> command.add(word.asText()));
            assertDoesNotThrow(() -> RaceTrackerCli.commandLine().parseArgs(command.toArray(new String[0])),
                    name + ": " + command);
            assertTrue(command.containsAll(List.of("--bootstrap-server", "kafka:9092")), name + " talks to kafka:9092");
        }
    }

    @Test
    void portsBindTheLoopbackOnlyAndEnvironmentIsKafkaProperties() throws Exception {
        final JsonNode streams = compose().get("services").get("streams");
        streams.get("ports").forEach(port -> assertTrue(port.asText().startsWith("127.0.0.1:"), port.asText()));
        assertEquals("127.0.0.1:8080-8082:8080", streams.get("ports").get(0).asText(),
                "one host port per replica, for --scale streams=3");
        streams.get("environment").fieldNames().forEachRemaining(key ->
                assertTrue(key.startsWith("KAFKA_"), key + " is read as a Kafka property only with the KAFKA_ prefix"));
    }

    @Test
    void theImageCopiesWhatTheBuildProduces() throws Exception {
        final String dockerfile = Files.readString(HOME.resolve("Dockerfile"));
        final Matcher copy = Pattern.compile("COPY --from=build /src/(\\S+)").matcher(dockerfile);
        final Set<String> copied = new java.util.HashSet<>();
        while (copy.find()) {
            copied.add(copy.group(1));
            assertTrue(Files.exists(HOME.resolve(copy.group(1))), "the build makes " + copy.group(1));
        }
        assertEquals(Set.of("cli/target/race-tracker.jar", "cli/target/lib", "kafka-local/target/race-tracker-kafka-local.jar",
                "kafka-local/target/lib"), copied);
        assertTrue(dockerfile.contains("FROM eclipse-temurin:17"), "Java 17, as the project");
    }
}
