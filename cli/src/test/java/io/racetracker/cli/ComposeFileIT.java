package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, checked as far as a machine without a Docker engine can: that what Kafka and the app write is
 * on named volumes, that the host can reach Kafka and the dashboards on the loopback only, that services restart and
 * report their health, and that every command is one the real command line accepts.
 */
class ComposeFileIT {
    private static final Path HOME = Launcher.home();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> STREAMS = List.of("streams", "streams-2");

    private static JsonNode compose() throws Exception {
        return YAML.readTree(HOME.resolve("docker-compose.yml").toFile());
    }

    private static List<String> words(final JsonNode array) {
        final List<String> words = new ArrayList<>();
        array.forEach(word -> words.add(word.asText()));
        return words;
    }

    private static String option(final List<String> command, final String name) {
        final int at = command.indexOf(name);
        assertTrue(at >= 0 && at + 1 < command.size(), name + " in " + command);
        return command.get(at + 1);
    }

    /** Container path to named volume, for the service's "NAME:/path" mounts; fails on bind mounts. */
    private static Map<String, String> namedVolumes(final JsonNode compose, final String service) {
        final Map<String, String> mounts = new HashMap<>();
        compose.get("services").get(service).get("volumes").forEach(mount -> {
            final String[] parts = mount.asText().split(":");
            assertFalse(parts[0].startsWith(".") || parts[0].startsWith("/"), "a named volume, not a bind mount: " + mount);
            assertTrue(compose.get("volumes").has(parts[0]), parts[0] + " is declared under volumes");
            mounts.put(parts[1], parts[0]);
        });
        return mounts;
    }

    /** NAME to "host:port" from a Kafka listener list such as "PLAINTEXT://:9092,EXTERNAL://localhost:29092". */
    private static Map<String, String> listeners(final String list) {
        return Arrays.stream(list.split(",")).map(l -> l.split("://", 2))
                .collect(Collectors.toMap(l -> l[0], l -> l[1]));
    }

    @Test
    void theServicesAreKafkaTopicsTheStreamsInstancesAndTheProducer() throws Exception {
        final JsonNode services = compose().get("services");
        final List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("kafka", "topics", "streams", "streams-2", "producer"), names);

        final JsonNode kafka = services.get("kafka");
        assertEquals("apache/kafka:4.3.1", kafka.get("image").asText(), "the Kafka version the project is built on");
        assertEquals("broker,controller", kafka.get("environment").get("KAFKA_PROCESS_ROLES").asText());
        for (final String key : List.of("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR",
                "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "KAFKA_DEFAULT_REPLICATION_FACTOR")) {
            assertEquals(1, kafka.get("environment").get(key).asInt(), key + " on a single node");
        }
        assertEquals(22, kafka.get("environment").get("CLUSTER_ID").asText().length(),
                "a KRaft cluster id is a base64 UUID, fixed so that the volume's log is used again");
        for (final String name : List.of("topics", "streams", "streams-2", "producer")) {
            assertEquals("race-tracker:latest", services.get(name).get("image").asText());
            assertEquals(".", services.get(name).get("build").asText());
        }
        assertEquals("service_completed_successfully",
                services.get("streams").get("depends_on").get("topics").get("condition").asText());
        assertEquals(List.of("second-instance"), words(services.get("streams-2").get("profiles")),
                "the second instance runs only when asked for");
    }

    @Test
    void kafkasLogIsOnANamedVolume() throws Exception {
        final JsonNode compose = compose();
        final String logDirs = compose.get("services").get("kafka").get("environment").get("KAFKA_LOG_DIRS").asText();
        assertTrue(namedVolumes(compose, "kafka").containsKey(logDirs), "the volume is mounted where Kafka writes: " + logDirs);
        assertTrue(logDirs.startsWith("/var/lib/kafka/data"), "the directory the apache/kafka image lets its user write");
    }

    @Test
    void everyStreamsInstanceKeepsItsStateOnAVolumeOfItsOwn() throws Exception {
        final JsonNode compose = compose();
        final Set<String> volumes = new HashSet<>();
        for (final String name : STREAMS) {
            final String stateDir = compose.get("services").get(name).get("environment").get("KAFKA_STATE_DIR").asText();
            final String volume = namedVolumes(compose, name).get(stateDir);
            assertNotNull(volume, name + ": a volume is mounted at its state.dir " + stateDir);
            assertTrue(volumes.add(volume), "two instances never share a state directory: " + volume);
            assertTrue(compose.get("services").get(name).get("environment").get("KAFKA_NUM_STANDBY_REPLICAS").asInt() >= 1);
        }
    }

    @Test
    void theHostReachesKafkaOnALoopbackListenerAndServicesOnTheInternalOne() throws Exception {
        final JsonNode env = compose().get("services").get("kafka").get("environment");
        final Map<String, String> listeners = listeners(env.get("KAFKA_LISTENERS").asText());
        final Map<String, String> advertised = listeners(env.get("KAFKA_ADVERTISED_LISTENERS").asText());
        final Map<String, String> protocols = Arrays.stream(env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").asText()
                .split(",")).map(p -> p.split(":")).collect(Collectors.toMap(p -> p[0], p -> p[1]));
        assertEquals(listeners.keySet(), protocols.keySet(), "every listener has a security protocol");
        assertFalse(advertised.containsKey("CONTROLLER"), "the controller listener is never advertised");
        assertEquals(env.get("KAFKA_INTER_BROKER_LISTENER_NAME").asText(), "PLAINTEXT");

        assertEquals("kafka:9092", advertised.get("PLAINTEXT"), "what the services use");
        final String external = advertised.get("EXTERNAL");
        assertEquals(KafkaOptions.DEFAULT_BOOTSTRAP, external,
                "the host's clients are told the address the launcher uses by default, so they need no flag");
        final String port = external.substring(external.lastIndexOf(':') + 1);
        assertEquals(":" + port, listeners.get("EXTERNAL"), "the broker listens on the advertised port");
        assertEquals(List.of("127.0.0.1:" + port + ":" + port), words(compose().get("services").get("kafka").get("ports")),
                "published on the host's loopback, on the same port it is advertised with");
    }

    @Test
    void longRunningServicesRestartAndOneShotJobsDoNot() throws Exception {
        final JsonNode services = compose().get("services");
        for (final String name : List.of("kafka", "streams", "streams-2")) {
            assertTrue(Set.of("unless-stopped", "always", "on-failure").contains(services.get(name).path("restart").asText()),
                    name + " comes back after a crash or a reboot");
        }
        for (final String name : List.of("topics", "producer")) {
            assertTrue(services.get(name).path("restart").isMissingNode(), name + " runs once");
        }
    }

    @Test
    void healthchecksProbeReadinessOnTheDashboardPort() throws Exception {
        final JsonNode services = compose().get("services");
        for (final String name : STREAMS) {
            final List<String> command = words(services.get(name).get("command"));
            final List<String> test = words(services.get(name).get("healthcheck").get("test"));
            assertEquals("CMD", test.get(0));
            assertEquals("curl", test.get(1), "the image installs curl");
            assertTrue(test.stream().anyMatch(w -> w.matches("-[a-zA-Z]*f[a-zA-Z]*")), "-f: a 503 fails the check");
            assertEquals("http://127.0.0.1:" + option(command, "--port") + "/health/ready", test.get(test.size() - 1), name);
        }
        assertTrue(services.get("kafka").get("healthcheck").get("test").toString().contains("9092"));
        for (final String name : List.of("topics", "producer")) {
            assertTrue(services.get(name).get("healthcheck").get("disable").asBoolean(),
                    name + " has no HTTP server: the image's readiness check is off");
        }
    }

    @Test
    void everyCommandIsOneTheCommandLineAccepts() throws Exception {
        final JsonNode services = compose().get("services");
        for (final String name : List.of("topics", "streams", "streams-2", "producer")) {
            final List<String> command = words(services.get(name).get("command"));
            assertDoesNotThrow(() -> RaceTrackerCli.commandLine().parseArgs(command.toArray(new String[0])),
                    name + ": " + command);
            assertEquals("kafka:9092", option(command, "--bootstrap-server"), name + " talks to kafka:9092");
        }
        for (final String name : STREAMS) {
            assertEquals("0.0.0.0", option(words(services.get(name).get("command")), "--http-host"),
                    name + " listens beyond its container's loopback");
        }
    }

    @Test
    void portsBindTheLoopbackOnlyAndEnvironmentIsKafkaProperties() throws Exception {
        final JsonNode services = compose().get("services");
        final Set<String> hostPorts = new HashSet<>();
        for (final String name : STREAMS) {
            final JsonNode streams = services.get(name);
            final String[] port = streams.get("ports").get(0).asText().split(":");
            assertEquals("127.0.0.1", port[0]);
            assertTrue(hostPorts.add(port[1]), "each instance on a host port of its own");
            assertEquals(option(words(streams.get("command")), "--port"), port[2], "the container port is the dashboard's");
            streams.get("environment").fieldNames().forEachRemaining(key ->
                    assertTrue(key.startsWith("KAFKA_"), key + " is read as a Kafka property only with the KAFKA_ prefix"));
        }
        services.forEach(service -> service.path("ports").forEach(port ->
                assertTrue(port.asText().startsWith("127.0.0.1:"), port.asText())));
    }

    @Test
    void theCommentedKafkaUiIsAServicePointedAtTheInternalListener() throws Exception {
        final List<String> lines = Files.readAllLines(HOME.resolve("docker-compose.yml"));
        final int start = lines.indexOf("  # kafka-ui:");
        assertTrue(start > 0, "the snippet is in the file");
        final StringBuilder snippet = new StringBuilder();
        for (int i = start; i < lines.size() && lines.get(i).startsWith("  # "); i++) {
            snippet.append(lines.get(i).substring(4)).append('\n');
        }
        final JsonNode ui = YAML.readTree(snippet.toString()).get("kafka-ui");
        assertEquals("kafka:9092", ui.get("environment").get("KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS").asText());
        assertTrue(ui.get("ports").get(0).asText().startsWith("127.0.0.1:"));
        assertNotEquals("127.0.0.1:8080:8080", ui.get("ports").get(0).asText(), "not on the dashboard's port");
    }
}
