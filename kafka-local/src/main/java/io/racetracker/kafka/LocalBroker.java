package io.racetracker.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft Kafka broker (combined broker and controller), run from Maven Central jars in a JVM
 * of its own. Formats the data directory on first use (and never again, so a restart keeps its data), then runs {@code kafka.Kafka} until the JVM is stopped, or
 * until the parent process named by {@code --parent-pid} exits, so that a killed launcher never leaves a broker
 * behind.
 *
 * <p>Arguments: {@code --data-dir DIR --port N --controller-port N [--parent-pid PID]}.
 */
public final class LocalBroker {
    private LocalBroker() {
    }

    public static void main(final String[] args) throws IOException {
        final Map<String, String> options = parse(args);
        final Path dataDir = Path.of(options.getOrDefault("--data-dir", "race-tracker-broker-data")).toAbsolutePath();
        final int port = Integer.parseInt(options.getOrDefault("--port", "29092"));
        final int controllerPort = Integer.parseInt(options.getOrDefault("--controller-port", "29093"));
        Optional.ofNullable(options.get("--parent-pid")).map(Long::parseLong).ifPresent(LocalBroker::exitWithParent);

        Files.createDirectories(dataDir);
        final Path config = dataDir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            serverProperties(dataDir.resolve("logs"), port, controllerPort).store(out, "race-tracker local broker");
        }
        // a data directory formatted before keeps its cluster id: a restart finds its topics where it left them
        if (!Files.exists(dataDir.resolve("logs/meta.properties"))) {
            final int formatted = kafka.tools.StorageTool.execute(new String[] {
                "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--ignore-formatted"},
                new PrintStream(PrintStream.nullOutputStream(), true, StandardCharsets.UTF_8));
            if (formatted != 0) {
                System.err.println("could not format the broker's data directory " + dataDir);
                System.exit(formatted);
            }
        }
        kafka.Kafka.main(new String[] {config.toString()});
    }

    /** Single-node settings: every replication factor and min ISR at 1, no initial rebalance delay. */
    static Properties serverProperties(final Path logDir, final int port, final int controllerPort) {
        final Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "6");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "6");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // the contract's topics are created on purpose, never by a typo in a client
        p.setProperty("auto.create.topics.enable", "false");
        return p;
    }

    private static void exitWithParent(final long parentPid) {
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> System.exit(0)),
                () -> System.exit(0));
    }

    private static Map<String, String> parse(final String[] args) {
        final Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }
}
