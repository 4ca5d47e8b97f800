package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.racetracker.core.config.LayeredConfig;
import io.racetracker.core.config.WeakerGuarantees;
import io.racetracker.streams.StreamsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docker-compose.yml, checked as far as a machine without a Docker engine can, against what the README promises of
 * it: one broker of the Kafka version the project is built on and every other service from the image built here;
 * the services reach the broker's internal listener and the host its loopback one; the streams app runs exactly-once
 * with settings a single broker can honour; Kafka's log and each instance's state survive on volumes of their own;
 * services restart, report their health and start in order; every command is one the real command line accepts.
 * Nothing here restates a value the file is free to change.
 */
class ComposeFileIT {
    private static final Path HOME = Launcher.home();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String IMAGE = "race-tracker:latest";

    private final JsonNode compose = read(assertDoesNotThrow(() -> Files.readString(HOME.resolve("docker-compose.yml"))));
    private final JsonNode services = compose.get("services");

    // ---- the file, read ------------------------------------------------------------------------------------------

    private static JsonNode read(final String yaml) {
        return assertDoesNotThrow(() -> YAML.readTree(yaml));
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

    private static Map<String, String> environment(final JsonNode service) {
        final Map<String, String> env = new TreeMap<>();
        service.path("environment").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    /** "NAME" to "host:port" from a Kafka listener list such as "PLAINTEXT://:9092,EXTERNAL://localhost:29092". */
    private static Map<String, String> listeners(final String list) {
        return Arrays.stream(list.split(",")).map(l -> l.split("://", 2)).collect(Collectors.toMap(l -> l[0], l -> l[1]));
    }

    private static String port(final String hostPort) {
        return hostPort.substring(hostPort.lastIndexOf(':') + 1);
    }

    private List<String> names() {
        final List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The services built from this repository: everything but the broker. */
    private List<String> appServices() {
        return names().stream().filter(name -> services.get(name).has("build")).toList();
    }

    /** The services running the streams app. */
    private List<String> streamsServices() {
        return appServices().stream().filter(name -> command(name).get(0).equals("streams")).toList();
    }

    /** The one service running a Kafka broker (KRaft, its roles in its environment). */
    private String broker() {
        final List<String> brokers = names().stream()
                .filter(name -> environment(services.get(name)).getOrDefault("KAFKA_PROCESS_ROLES", "").contains("broker")).toList();
        assertEquals(1, brokers.size(), "one broker: " + brokers);
        return brokers.get(0);
    }

    private Map<String, String> brokerEnv() {
        return environment(services.get(broker()));
    }

    private List<String> command(final String service) {
        return words(services.get(service).get("command"));
    }

    /** The address the services are told to use: the broker's advertised inter-broker listener. */
    private String internalBootstrap() {
        final Map<String, String> env = brokerEnv();
        return listeners(env.get("KAFKA_ADVERTISED_LISTENERS")).get(env.get("KAFKA_INTER_BROKER_LISTENER_NAME"));
    }

    /** Container path to named volume, for the service's "NAME:/path" mounts; fails on bind mounts. */
    private Map<String, String> namedVolumes(final String service) {
        final Map<String, String> mounts = new LinkedHashMap<>();
        services.get(service).path("volumes").forEach(mount -> {
            final String[] parts = mount.asText().split(":");
            assertFalse(parts[0].startsWith(".") || parts[0].startsWith("/"), "a named volume, not a bind mount: " + mount);
            assertTrue(compose.path("volumes").has(parts[0]), parts[0] + " is declared under volumes");
            mounts.put(parts[1], parts[0]);
        });
        return mounts;
    }

    /** The streams app's configuration in that service, layered as the app layers it: its defaults, KAFKA_*, flags. */
    private Properties streamsConfig(final String service) {
        final CommandLine.ParseResult parsed = RaceTrackerCli.commandLine().parseArgs(command(service).toArray(new String[0]));
        final StreamsCommand streams = (StreamsCommand) parsed.subcommand().commandSpec().userObject();
        return streams.kafka.layered(StreamsSettings.defaults(streams.kafka.bootstrapServerOrDefault()), environment(services.get(service)));
    }

    // ---- what it promises ----------------------------------------------------------------------------------------

    @Test
    void oneBrokerOfTheProjectsKafkaAndEveryOtherServiceFromTheImageBuiltHere() {
        assertEquals("apache/kafka:" + AppInfoParser.getVersion(), services.get(broker()).get("image").asText(),
                "the broker runs the Kafka version the project is built and tested on");
        for (final String name : names()) {
            if (!name.equals(broker())) {
                assertEquals(".", services.get(name).path("build").asText(), name + " is built from this repository");
                assertEquals(IMAGE, services.get(name).path("image").asText(), name + " shares the one image");
            }
        }
        assertTrue(streamsServices().size() >= 2, "a second streams instance is there to be started");
    }

    @Test
    void theKraftNodeIsItsOwnControllerAndKeepsOneClusterIdAcrossStarts() {
        final Map<String, String> env = brokerEnv();
        assertTrue(Set.of(env.get("KAFKA_PROCESS_ROLES").split(",")).containsAll(Set.of("broker", "controller")), "combined mode");
        final String controller = env.get("KAFKA_CONTROLLER_LISTENER_NAMES");
        assertEquals(env.get("KAFKA_NODE_ID") + "@" + broker() + ":" + port(listeners(env.get("KAFKA_LISTENERS")).get(controller)),
                env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"), "the only voter is this node, on its controller listener");
        assertNotNull(env.get("CLUSTER_ID"), "fixed, so that the log in the volume (formatted for it) is used again");
        assertDoesNotThrow(() -> Uuid.fromString(env.get("CLUSTER_ID")), "a KRaft cluster id is a base64 UUID");
    }

    @Test
    void replicationAsksNoMoreOfTheOneBrokerThanItHas() {
        final Map<String, String> env = brokerEnv();
        final int brokers = 1; // broker() finds exactly one
        env.forEach((key, value) -> {
            if (key.endsWith("_REPLICATION_FACTOR")) {
                assertTrue(Integer.parseInt(value) <= brokers, key + "=" + value + " on " + brokers + " broker");
            }
            if (key.endsWith("_MIN_ISR")) {
                final String factor = env.getOrDefault(key.replace("_MIN_ISR", "_REPLICATION_FACTOR"), String.valueOf(brokers));
                assertTrue(Integer.parseInt(value) <= Integer.parseInt(factor), key + "=" + value + " above its replication factor");
            }
        });
        // the exactly-once app's transactions and offsets live in these; their defaults (3, and 2 in sync) need 3 brokers
        for (final String log : List.of("KAFKA_TRANSACTION_STATE_LOG", "KAFKA_OFFSETS_TOPIC")) {
            assertTrue(env.containsKey(log + "_REPLICATION_FACTOR"), log + " replication set for one broker");
        }
        assertTrue(env.containsKey("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"), "transactions need their log's min ISR met");
        final int defaultFactor = Integer.parseInt(env.getOrDefault("KAFKA_DEFAULT_REPLICATION_FACTOR", "1"));
        assertTrue(Integer.parseInt(env.getOrDefault("KAFKA_MIN_INSYNC_REPLICAS", "1")) <= defaultFactor,
                "acks=all writes need min.insync.replicas within the topics' replication");
        for (final String name : appServices()) {
            if (command(name).contains("--replication-factor")) {
                assertTrue(Integer.parseInt(option(command(name), "--replication-factor")) <= brokers, name);
            }
        }
    }

    @Test
    void theHostReachesKafkaOnALoopbackListenerAndServicesOnTheInternalOne() {
        final Map<String, String> env = brokerEnv();
        final Map<String, String> listeners = listeners(env.get("KAFKA_LISTENERS"));
        final Map<String, String> advertised = listeners(env.get("KAFKA_ADVERTISED_LISTENERS"));
        final Map<String, String> protocols = Arrays.stream(env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(","))
                .map(p -> p.split(":")).collect(Collectors.toMap(p -> p[0], p -> p[1]));
        assertEquals(listeners.keySet(), protocols.keySet(), "every listener has a security protocol");
        assertFalse(advertised.containsKey(env.get("KAFKA_CONTROLLER_LISTENER_NAMES")), "the controller listener is never advertised");
        advertised.forEach((name, address) -> assertEquals(":" + port(address), listeners.get(name),
                name + " is advertised on the port it listens on"));

        final String internal = env.get("KAFKA_INTER_BROKER_LISTENER_NAME");
        assertEquals(broker() + ":" + port(advertised.get(internal)), advertised.get(internal),
                "the services reach the broker by its service name");
        final String external = advertised.keySet().stream().filter(n -> !n.equals(internal)).findFirst().orElseThrow();
        assertEquals(KafkaOptions.DEFAULT_BOOTSTRAP, advertised.get(external),
                "the host's clients are told the address the launcher uses by default, so they need no flag");
        final String port = port(advertised.get(external));
        assertEquals(List.of("127.0.0.1:" + port + ":" + port), words(services.get(broker()).get("ports")),
                "published on the host's loopback, on the port it is advertised with");
    }

    @Test
    void everyCommandParsesAndTalksToTheBrokersInternalListener() {
        for (final String name : appServices()) {
            final List<String> command = command(name);
            assertDoesNotThrow(() -> RaceTrackerCli.commandLine().parseArgs(command.toArray(new String[0])), name + ": " + command);
            assertEquals(internalBootstrap(), option(command, "--bootstrap-server"), name);
        }
    }

    @Test
    void theStreamsAppRunsExactlyOnceWithItsStateOnAVolumeOfItsOwnAndAStandby() {
        final Set<String> volumes = new HashSet<>();
        for (final String name : streamsServices()) {
            final Properties config = streamsConfig(name);
            assertEquals(internalBootstrap(), config.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG), name);
            assertEquals(List.of(), WeakerGuarantees.in(config), name + " keeps exactly-once and durable writes");
            assertEquals(StreamsConfig.EXACTLY_ONCE_V2, config.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG), name);
            final String stateDir = config.getProperty(StreamsConfig.STATE_DIR_CONFIG);
            final String volume = namedVolumes(name).get(stateDir);
            assertNotNull(volume, name + ": a volume is mounted at its state.dir " + stateDir);
            assertTrue(volumes.add(volume), "two instances never share a state directory: " + volume);
            assertTrue(Integer.parseInt(config.getProperty(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)) >= 1,
                    name + " keeps a standby of the other instance's state");
        }
    }

    @Test
    void everyKafkaVariableOfAStreamsServiceIsAKafkaSetting() {
        final Set<String> known = new HashSet<>(StreamsConfig.configDef().names());
        known.addAll(ConsumerConfig.configNames());
        known.addAll(ProducerConfig.configNames());
        known.addAll(AdminClientConfig.configNames());
        for (final String name : streamsServices()) {
            environment(services.get(name)).keySet().forEach(variable -> {
                final String property = LayeredConfig.propertyName(variable).orElse(null);
                assertNotNull(property, variable + " is read as a Kafka property only with the KAFKA_ prefix");
                assertTrue(known.contains(property), variable + " sets " + property + ", which no Kafka client knows");
            });
        }
    }

    @Test
    void kafkasLogIsOnANamedVolume() {
        final String logDirs = brokerEnv().get("KAFKA_LOG_DIRS");
        assertTrue(namedVolumes(broker()).containsKey(logDirs), "the volume is mounted where Kafka writes: " + logDirs);
        assertTrue(logDirs.startsWith("/var/lib/kafka/data"), "the directory the apache/kafka image lets its user write");
    }

    @Test
    void instancesFindEachOtherByAHostNameTheirNetworkResolves() {
        for (final String name : streamsServices()) {
            assertEquals("0.0.0.0", option(command(name), "--http-host"), name + " listens beyond its container's loopback");
            // application.server is the container's host name: other containers resolve a service's name
            assertEquals(name, services.get(name).path("hostname").asText(), name + " advertises a name the others resolve");
        }
    }

    @Test
    void portsBindTheLoopbackOnlyEachOnAHostPortOfItsOwn() {
        final Set<String> hostPorts = new HashSet<>();
        for (final String name : names()) {
            services.get(name).path("ports").forEach(mapping -> {
                final String[] parts = mapping.asText().split(":");
                assertEquals(3, parts.length, name + ": host address, host port, container port: " + mapping);
                assertEquals("127.0.0.1", parts[0], name + " " + mapping);
                assertTrue(hostPorts.add(parts[1]), "host port " + parts[1] + " published once");
            });
        }
        for (final String name : streamsServices()) {
            final String mapping = services.get(name).get("ports").get(0).asText();
            assertEquals(option(command(name), "--port"), port(mapping), name + ": the container port is the dashboard's");
        }
    }

    @Test
    void longRunningServicesRestartAndOneShotJobsDoNot() {
        for (final String name : names()) {
            final boolean oneShot = !name.equals(broker()) && !streamsServices().contains(name);
            final String restart = services.get(name).path("restart").asText();
            if (oneShot) {
                assertTrue(restart.isEmpty() || restart.equals("no"), name + " runs once (a restarted replay starts from the gun)");
            } else {
                assertTrue(Set.of("unless-stopped", "always", "on-failure").contains(restart), name + " comes back after a crash");
            }
        }
    }

    @Test
    void servicesStartInOrderAndReportTheirHealth() {
        final String topics = appServices().stream().filter(name -> command(name).get(0).equals("topics")).findFirst().orElseThrow();
        assertEquals("service_healthy", services.get(topics).path("depends_on").path(broker()).path("condition").asText(),
                "topics are created once the broker answers");
        for (final String name : appServices()) {
            if (!name.equals(topics)) {
                assertEquals("service_completed_successfully",
                        services.get(name).path("depends_on").path(topics).path("condition").asText(), name + " starts once its topics exist");
            }
        }
        assertTrue(services.get(broker()).get("healthcheck").get("test").toString().contains(":" + port(internalBootstrap())),
                "the broker's health check asks its internal listener");
        for (final String name : streamsServices()) {
            final List<String> test = words(services.get(name).get("healthcheck").get("test"));
            assertEquals(List.of("CMD", "curl"), test.subList(0, 2), "the image installs curl");
            assertTrue(test.stream().anyMatch(w -> w.matches("-[a-zA-Z]*f[a-zA-Z]*")), "-f: a 503 fails the check");
            assertEquals("http://127.0.0.1:" + option(command(name), "--port") + "/health/ready", test.get(test.size() - 1), name);
        }
        for (final String name : appServices()) {
            if (!streamsServices().contains(name)) {
                assertTrue(services.get(name).path("healthcheck").path("disable").asBoolean(),
                        name + " has no HTTP server: the image's readiness check is off");
            }
        }
    }

    @Test
    void theSecondInstanceRunsOnlyWithTheProfileTheReadmeNames() throws Exception {
        final String readme = Files.readString(HOME.resolve("README.md"));
        for (final String name : streamsServices().subList(1, streamsServices().size())) {
            final List<String> profiles = words(services.get(name).path("profiles"));
            assertEquals(1, profiles.size(), name + " runs only when asked for");
            assertTrue(readme.contains("docker compose --profile " + profiles.get(0) + " up"), "the README starts " + name);
        }
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
        final JsonNode ui = read(snippet.toString()).get("kafka-ui");
        assertEquals(internalBootstrap(), ui.get("environment").get("KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS").asText());
        final String[] port = ui.get("ports").get(0).asText().split(":");
        assertEquals("127.0.0.1", port[0]);
        for (final String name : names()) {
            services.get(name).path("ports").forEach(p -> assertFalse(p.asText().split(":")[1].equals(port[1]),
                    "the UI's host port is free of " + name + "'s"));
        }
    }
}
