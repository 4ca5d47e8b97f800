package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive, as a user without Maven gets it: unpacked, its launcher run with nothing but {@code java} on
 * the PATH (no JAVA_HOME, no source tree), answering with the version the build was made from.
 */
class DistributionIT {
    private static final String VERSION = System.getProperty("race.tracker.version");
    private static final Path ARCHIVE = Path.of(System.getProperty("race.tracker.distribution",
            "target/race-tracker-" + VERSION + ".tar.gz"));

    @TempDir
    static Path dir;
    static Path home;
    static Path javaOnly;

    @BeforeAll
    static void unpack() throws Exception {
        assertTrue(Files.isRegularFile(ARCHIVE), "the package phase builds " + ARCHIVE);
        final Process tar = new ProcessBuilder("tar", "-xzf", ARCHIVE.toString(), "-C", dir.toString())
                .redirectErrorStream(true).start();
        final String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, tar.waitFor(), out);
        home = dir.resolve("race-tracker-" + VERSION);
        javaOnly = Files.createDirectories(dir.resolve("path"));
        Files.createSymbolicLink(javaOnly.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    /** Runs bin/race-tracker from a directory outside the archive, with only java on the PATH. */
    private static Result run(final String... args) throws IOException, InterruptedException {
        final ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(home.resolve("bin/race-tracker").toString()),
                Stream.of(args)).toList()).directory(dir.toFile()).redirectErrorStream(true);
        final Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("JAVA") || key.startsWith("RACE_TRACKER") || key.startsWith("KAFKA_"));
        env.put("PATH", javaOnly.toString());
        final Process process = builder.start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher exits");
        return new Result(process.exitValue(), out);
    }

    private record Result(int code, String out) { }

    @Test
    void theArchiveHoldsTheLauncherTheLibrariesTheBrokerAndTheLicense() throws IOException {
        assertTrue(Files.isExecutable(home.resolve("bin/race-tracker")), "bin/race-tracker is executable");
        assertTrue(Files.isRegularFile(home.resolve("lib/race-tracker.jar")));
        assertTrue(Files.isRegularFile(home.resolve("lib/broker/race-tracker-kafka-local.jar")));
        assertTrue(Files.readString(home.resolve("LICENSE")).contains("Apache License"));
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            final List<String> jars = lib.map(p -> p.getFileName().toString()).toList();
            assertTrue(jars.stream().anyMatch(j -> j.startsWith("kafka-streams-")), "the app's libraries: " + jars);
            assertFalse(jars.stream().anyMatch(j -> j.startsWith("kafka_2.13") || j.startsWith("kafka-server")),
                    "no broker jar on the command line's classpath: " + jars);
        }
        try (Stream<Path> broker = Files.list(home.resolve("lib/broker/lib"))) {
            assertTrue(broker.anyMatch(p -> p.getFileName().toString().startsWith("kafka_2.13")), "the broker's libraries");
        }
        try (ZipFile zip = new ZipFile(ARCHIVE.resolveSibling("race-tracker-" + VERSION + ".zip").toFile())) {
            assertTrue(zip.getEntry("race-tracker-" + VERSION + "/bin/race-tracker") != null, "the zip has the same layout");
        }
    }

    @Test
    void versionIsTheProjectVersion() throws Exception {
        final Result result = run("--version");
        assertEquals(0, result.code(), result.out());
        assertEquals("race-tracker " + VERSION, result.out().strip());
    }

    @Test
    void commandsRunWithOnlyAJavaRuntime() throws Exception {
        final Result result = run("topics", "--help");
        assertEquals(0, result.code(), result.out());
        assertTrue(result.out().contains("Usage: race-tracker topics"), result.out());
    }

    @Test
    void kafkasOwnToolsAreFoundInTheArchive() throws Exception {
        final Result result = run("console-consumer", "--help");
        assertTrue(result.out().contains("--bootstrap-server"), "Kafka's console consumer printed its help:\n" + result.out());
        assertFalse(result.out().contains("is not built"), result.out());
    }
}
