package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile and the Kubernetes manifests (deploy/kubernetes), checked without a Docker engine or a cluster: the
 * image is layered, non-root and health-checked; the manifests parse, and the fields a running tracker depends on
 * agree with each other, with the image and with the real command line.
 */
class DeployFilesIT {
    private static final Path HOME = Launcher.home();
    private static final Path KUBERNETES = HOME.resolve("deploy/kubernetes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Every manifest by kind and name, e.g. "Service/race-tracker-streams". */
    private static final Map<String, JsonNode> MANIFESTS = new LinkedHashMap<>();
    private static final Map<String, String> FILES = new HashMap<>();

    @BeforeAll
    static void parse() throws IOException {
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            for (final Path file : files.sorted().toList()) {
                assertTrue(file.toString().endsWith(".yaml"), "only manifests here: " + file);
                final JsonNode manifest = YAML.readTree(file.toFile());
                assertNotNull(manifest.get("apiVersion"), file + " has an apiVersion");
                final String key = manifest.get("kind").asText() + "/" + manifest.path("metadata").path("name").asText();
                MANIFESTS.put(key, manifest);
                FILES.put(file.getFileName().toString(), key);
            }
        }
    }

    private static JsonNode manifest(final String key) {
        return assertDoesNotThrow(() -> Objects.requireNonNull(MANIFESTS.get(key), key), key + " in " + MANIFESTS.keySet());
    }

    private static List<String> words(final JsonNode array) {
        final List<String> words = new ArrayList<>();
        array.forEach(word -> words.add(word.asText()));
        return words;
    }

    private static String option(final List<String> args, final String name) {
        final int at = args.indexOf(name);
        assertTrue(at >= 0 && at + 1 < args.size(), name + " in " + args);
        return args.get(at + 1);
    }

    private static Map<String, String> env(final JsonNode container) {
        final Map<String, String> env = new LinkedHashMap<>();
        container.path("env").forEach(e -> env.put(e.get("name").asText(), e.path("value").asText(null)));
        return env;
    }

    private static JsonNode statefulSet() {
        return manifest("StatefulSet/race-tracker-streams");
    }

    private static JsonNode streamsContainer() {
        return statefulSet().get("spec").get("template").get("spec").get("containers").get(0);
    }

    // ---- Kubernetes

    @Test
    void theManifestsAreTheOnesTheKustomizationApplies() {
        assertEquals(Set.of("Kustomization/", "ConfigMap/race-tracker-kafka", "Job/race-tracker-topics",
                "Service/race-tracker-streams-headless", "Service/race-tracker-streams", "StatefulSet/race-tracker-streams",
                "PodDisruptionBudget/race-tracker-streams"), MANIFESTS.keySet());
        final Set<String> listed = new TreeSet<>(words(manifest("Kustomization/").get("resources")));
        final Set<String> files = new TreeSet<>(FILES.keySet());
        files.remove("kustomization.yaml");
        assertEquals(files, listed, "kubectl apply -k applies every manifest");
    }

    @Test
    void theStatefulSetKeepsItsStateOnAClaimMountedAtTheStateDir() {
        final JsonNode spec = statefulSet().get("spec");
        final String claim = spec.get("volumeClaimTemplates").get(0).get("metadata").get("name").asText();
        final String stateDir = env(streamsContainer()).get("KAFKA_STATE_DIR");
        assertNotNull(stateDir, "state.dir is set");
        final List<String> mounted = new ArrayList<>();
        streamsContainer().get("volumeMounts").forEach(m -> {
            if (m.get("name").asText().equals(claim)) {
                mounted.add(m.get("mountPath").asText());
            }
        });
        assertEquals(List.of(stateDir), mounted, "the claim " + claim + " is mounted where the app writes its state");
        assertEquals("ReadWriteOnce", spec.get("volumeClaimTemplates").get(0).get("spec").get("accessModes").get(0).asText());
    }

    @Test
    void probesAskForLivenessAndReadinessOnTheDashboardPort() {
        final JsonNode container = streamsContainer();
        final List<String> args = words(container.get("args"));
        final String port = option(args, "--port");
        assertEquals("0.0.0.0", option(args, "--http-host"), "reachable from the kubelet and the other pods");
        final Map<String, Integer> ports = new HashMap<>();
        container.get("ports").forEach(p -> ports.put(p.get("name").asText(), p.get("containerPort").asInt()));
        for (final String probe : List.of("readinessProbe", "livenessProbe")) {
            final JsonNode get = container.get(probe).get("httpGet");
            final JsonNode probePort = get.get("port");
            final int number = probePort.isInt() ? probePort.asInt() : ports.getOrDefault(probePort.asText(), -1);
            assertEquals(Integer.parseInt(port), number, probe + " on the port the app listens on");
        }
        assertEquals("/health/ready", container.get("readinessProbe").get("httpGet").get("path").asText());
        assertEquals("/health/live", container.get("livenessProbe").get("httpGet").get("path").asText(),
                "never restarted only for being not ready (rebalancing or restoring)");
    }

    @Test
    void instancesAdvertiseTheirNameThroughTheHeadlessServiceAndKeepAStandby() {
        final JsonNode headless = manifest("Service/race-tracker-streams-headless");
        assertEquals("None", headless.get("spec").get("clusterIP").asText());
        assertEquals(headless.get("metadata").get("name").asText(), statefulSet().get("spec").get("serviceName").asText());

        final JsonNode container = streamsContainer();
        final List<String> names = new ArrayList<>();
        container.get("env").forEach(e -> names.add(e.get("name").asText()));
        final JsonNode podName = container.get("env").get(names.indexOf("POD_NAME"));
        assertEquals("metadata.name", podName.get("valueFrom").get("fieldRef").get("fieldPath").asText());
        assertTrue(names.indexOf("POD_NAME") < names.indexOf("KAFKA_APPLICATION_SERVER"), "defined before it is used");
        assertEquals("$(POD_NAME)." + headless.get("metadata").get("name").asText() + ":"
                + option(words(container.get("args")), "--port"), env(container).get("KAFKA_APPLICATION_SERVER"));
        assertTrue(Integer.parseInt(env(container).get("KAFKA_NUM_STANDBY_REPLICAS")) >= 1);
        assertTrue(statefulSet().get("spec").get("replicas").asInt() >= 2, "a standby needs a second instance");
    }

    @Test
    void everySelectorPicksTheStatefulSetsPods() {
        final JsonNode spec = statefulSet().get("spec");
        final JsonNode labels = spec.get("template").get("metadata").get("labels");
        assertEquals(spec.get("selector").get("matchLabels"), labels, "the StatefulSet selects its own pods");
        for (final String key : List.of("Service/race-tracker-streams-headless", "Service/race-tracker-streams")) {
            final JsonNode selector = manifest(key).get("spec").get("selector");
            assertEquals(labels, selector, key);
            manifest(key).get("spec").get("ports").forEach(p -> assertEquals("http", p.get("targetPort").asText()));
        }
        assertEquals(labels, manifest("PodDisruptionBudget/race-tracker-streams").get("spec").get("selector").get("matchLabels"));
    }

    @Test
    void podsRunAsTheImagesUserWithResourcesAndTheBootstrapFromTheConfigMap() throws IOException {
        final String uid = dockerfileUser().split(":")[0];
        final JsonNode configMap = manifest("ConfigMap/race-tracker-kafka");
        assertTrue(configMap.get("data").has("KAFKA_BOOTSTRAP_SERVERS"));
        configMap.get("data").fieldNames().forEachRemaining(key -> assertTrue(key.startsWith("KAFKA_"), key));
        for (final JsonNode pod : List.of(statefulSet().get("spec").get("template").get("spec"),
                manifest("Job/race-tracker-topics").get("spec").get("template").get("spec"))) {
            final JsonNode security = pod.get("securityContext");
            assertTrue(security.get("runAsNonRoot").asBoolean());
            assertEquals(uid, security.get("runAsUser").asText(), "the image's user");
            final JsonNode container = pod.get("containers").get(0);
            assertFalse(container.get("securityContext").get("allowPrivilegeEscalation").asBoolean());
            assertEquals("race-tracker-kafka", container.get("envFrom").get(0).get("configMapRef").get("name").asText());
            assertTrue(container.get("resources").get("requests").has("memory"));
            assertTrue(container.get("resources").get("limits").has("memory"));
            final List<String> args = words(container.get("args"));
            assertDoesNotThrow(() -> RaceTrackerCli.commandLine().parseArgs(args.toArray(new String[0])), args.toString());
            assertFalse(args.contains("--bootstrap-server"), "the bootstrap comes from the ConfigMap");
        }
        assertEquals("10001", statefulSet().get("spec").get("template").get("spec").get("securityContext").get("fsGroup").asText(),
                "the state volume is writable by the image's group");
        final String heap = env(streamsContainer()).get("RACE_TRACKER_JAVA_OPTS");
        assertEquals("-Xmx1g", heap);
        assertEquals("2Gi", streamsContainer().get("resources").get("limits").get("memory").asText(),
                "room beside the heap for the JVM");
    }

    // ---- Dockerfile

    /** The Dockerfile's instructions, continuation lines joined, comments dropped. */
    private static List<String> instructions() throws IOException {
        final List<String> instructions = new ArrayList<>();
        final StringBuilder current = new StringBuilder();
        for (final String line : Files.readAllLines(HOME.resolve("Dockerfile"))) {
            if (line.strip().startsWith("#") || line.isBlank()) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                instructions.add(current.append(line).toString().strip());
                current.setLength(0);
            }
        }
        return instructions;
    }

    private static List<String> runtimeStage() throws IOException {
        final List<String> all = instructions();
        int last = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).startsWith("FROM ")) {
                last = i;
            }
        }
        return all.subList(last, all.size());
    }

    private static String dockerfileUser() throws IOException {
        return runtimeStage().stream().filter(i -> i.startsWith("USER ")).reduce((a, b) -> b)
                .map(i -> i.substring(5).strip()).orElse("root");
    }

    @Test
    void theBuildResolvesDependenciesFromThePomsBeforeItCopiesTheSources() throws IOException {
        final List<String> all = instructions();
        assertTrue(all.get(0).matches("FROM eclipse-temurin:17-jdk AS build"), all.get(0));
        final int sources = all.indexOf("COPY . .");
        assertTrue(sources > 0, "the sources are copied");
        int resolve = -1;
        for (int i = 1; i < sources; i++) {
            final String instruction = all.get(i);
            if (instruction.startsWith("COPY ")) {
                assertTrue(instruction.matches("COPY (mvnw pom\\.xml \\./|\\.mvn \\.mvn|[a-z-]+/pom\\.xml [a-z-]+/)"),
                        "only the wrapper and the poms before the dependency layer: " + instruction);
            } else if (instruction.startsWith("RUN ./mvnw")) {
                resolve = i;
            }
        }
        assertTrue(resolve > 0, "a Maven run on the poms alone, before the sources, caches the dependencies");
        for (final String module : List.of("test-support", "core", "producer", "streams-app", "kafka-local", "cli", "benchmarks")) {
            assertTrue(all.subList(0, resolve).contains("COPY " + module + "/pom.xml " + module + "/"), module + "'s pom");
        }
    }

    @Test
    void theRuntimeIsAJreRunningTheReleaseArchiveAsANonRootUser() throws IOException {
        final List<String> runtime = runtimeStage();
        assertEquals("FROM eclipse-temurin:17-jre", runtime.get(0));
        final String user = dockerfileUser();
        assertFalse(Set.of("root", "0", "0:0").contains(user), "not root: " + user);
        assertTrue(user.matches("\\d+:\\d+"), "numeric, so Kubernetes can check runAsNonRoot");
        assertTrue(runtime.contains("EXPOSE 8080"));
        final String healthcheck = runtime.stream().filter(i -> i.startsWith("HEALTHCHECK ")).findFirst().orElseThrow();
        assertTrue(healthcheck.contains("http://127.0.0.1:8080/health/ready"), healthcheck);
        assertTrue(runtime.contains("ENTRYPOINT [\"/opt/race-tracker/bin/race-tracker\"]"), "the archive's launcher");
        assertTrue(runtime.stream().anyMatch(i -> i.startsWith("ENV ") && i.contains("RACE_TRACKER_JAVA_OPTS=\"-Xmx1g\"")),
                "the launcher's heap, overridable");

        // the launcher it runs is the release archive's, and the image unpacks the archive the build makes
        final String build = String.join("\n", instructions());
        final Matcher archive = Pattern.compile("tar -xzf (cli/target/race-tracker-)\\*(\\.tar\\.gz)").matcher(build);
        assertTrue(archive.find(), "the build stage unpacks the release archive");
        assertTrue(Files.isRegularFile(HOME.resolve(archive.group(1) + System.getProperty("race.tracker.version") + archive.group(2))),
                "the package phase made it");
        assertTrue(Files.readString(HOME.resolve("cli/src/dist/bin/race-tracker")).contains("${RACE_TRACKER_JAVA_OPTS:--Xmx1g}"));
        // the broker's jars have a layer (and a directory) of their own, never on the applications' classpath
        assertTrue(runtime.contains("COPY --from=build /layers/broker lib/broker/"), String.join("\n", runtime));
    }

    @Test
    void theBuildContextLeavesOutBuildOutputAndHistory() throws IOException {
        final List<String> ignored = Files.readAllLines(HOME.resolve(".dockerignore"));
        assertTrue(ignored.contains("**/target"));
        assertTrue(ignored.contains(".git"));
    }
}
