package io.racetracker.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Runs the kafka-local module (a real KRaft broker, and Kafka's own tools) as child JVMs, so that broker jars never
 * share a classpath with the applications. The child broker exits by itself when this process dies.
 */
public final class LocalKafka implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final String bootstrapServers;
    private final Path log;

    private LocalKafka(final Process process, final String bootstrapServers, final Path log) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.log = log;
    }

    /** The broker's process: the benchmark reads its CPU time. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /** Where the project is: the launcher passes it; tests and IDEs fall back to the working directory. */
    static Path home() {
        final String home = System.getProperty("race.tracker.home");
        return Path.of(home != null ? home : ".").toAbsolutePath().normalize();
    }

    /**
     * The broker's jar: in a source tree where its module's build puts it, in the release archive under
     * {@code lib/broker/}. Either way its libraries (the broker and Kafka's tools) are in {@code lib/} beside it.
     */
    static Path brokerJar() {
        final Path built = home().resolve("kafka-local/target/race-tracker-kafka-local.jar");
        final Path released = home().resolve("lib/broker/race-tracker-kafka-local.jar");
        if (Files.isRegularFile(built)) {
            return built;
        }
        if (Files.isRegularFile(released)) {
            return released;
        }
        throw new IllegalStateException("the local broker is not built (" + built + " is missing); run ./race-tracker"
                + " from the project directory, which builds it, or ./mvnw -DskipTests package");
    }

    /** The broker's libraries and Kafka's tools, beside its jar. */
    private static Path brokerLib() {
        return brokerJar().resolveSibling("lib");
    }

    /**
     * Starts a broker and waits until it accepts requests.
     *
     * @param output where the broker's own output goes: a file to keep the terminal clean, or null to inherit it
     */
    public static LocalKafka start(final Path dataDir, final int port, final Path output) throws InterruptedException {
        if (!isFree(port) || !isFree(port + 1)) {
            throw new IllegalStateException("port " + port + " or " + (port + 1) + " on 127.0.0.1 is in use: is a broker"
                    + " already running? Use it with --bootstrap-server 127.0.0.1:" + port + " or stop it.");
        }
        final List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-XX:+UseG1GC",
                "-jar", brokerJar().toString(),
                "--data-dir", dataDir.toString(), "--port", String.valueOf(port),
                "--controller-port", String.valueOf(port + 1),
                "--parent-pid", String.valueOf(ProcessHandle.current().pid())));
        final ProcessBuilder builder = new ProcessBuilder(command);
        if (output == null) {
            builder.inheritIO();
        } else {
            builder.redirectErrorStream(true).redirectOutput(output.toFile());
        }
        try {
            final LocalKafka kafka = new LocalKafka(builder.start(), "127.0.0.1:" + port, output);
            kafka.awaitReady();
            return kafka;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot start the local broker: " + e.getMessage(), e);
        }
    }

    /** A free port for a broker, with the port above it free for its controller. */
    public static int freePortPair(final int preferred) {
        if (isFree(preferred) && isFree(preferred + 1)) {
            return preferred;
        }
        // below Linux's ephemeral range (32768 and up): a port there can be taken by any client's outgoing connection
        // between this check and the broker's bind
        for (int port = 20000; port < 32766; port += 2) {
            if (isFree(port) && isFree(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("no free pair of ports on 127.0.0.1 for a local broker");
    }

    private static boolean isFree(final int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (final IOException e) {
            return false;
        }
    }

    private void awaitReady() throws InterruptedException {
        final long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        // Kafka's client logs a warning for every refused connection: ask it only once the listener is up.
        final String[] hostPort = bootstrapServers.split(":");
        while (System.nanoTime() < deadline && process.isAlive()
                && !accepts(hostPort[0], Integer.parseInt(hostPort[1]))) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        final Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the local broker exited with code " + process.exitValue()
                            + (log == null ? "" : "; see " + log));
                }
                try {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (final Exception notYet) {
                    TimeUnit.MILLISECONDS.sleep(200);
                }
            }
        }
        close();
        throw new IllegalStateException("the local broker was not ready within " + READY_TIMEOUT
                + (log == null ? "" : "; see " + log));
    }

    private static boolean accepts(final String host, final int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (final IOException e) {
            return false;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Waits for the broker to exit by itself (the broker command runs until stopped). */
    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** Runs a main class of Kafka's own tools in a child JVM with the terminal attached; returns its exit code. */
    static int runTool(final String mainClass, final List<String> args) throws InterruptedException {
        final Path lib = brokerLib();
        final String classpath = brokerJar() + File.pathSeparator + lib + "/*";
        final List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-cp", classpath, mainClass));
        command.addAll(args);
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot run " + mainClass + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs a main class of Kafka's own tools in a child JVM and returns what it printed on stdout; its stderr goes to
     * the terminal. Fails with the tool's output if it exits with an error.
     */
    public static String runToolCapturing(final String mainClass, final List<String> args) throws InterruptedException {
        final Path lib = brokerLib();
        final String classpath = brokerJar() + File.pathSeparator + lib + "/*";
        final List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-cp", classpath, mainClass));
        command.addAll(args);
        try {
            final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            final int code = process.waitFor();
            if (code != 0) {
                throw new IllegalStateException(mainClass + " exited with " + code + ":\n" + out);
            }
            return out;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot run " + mainClass + ": " + e.getMessage(), e);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Stops the broker cleanly (SIGTERM runs its shutdown hook), forcibly if it does not stop in time. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (final InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
