package io.racetracker.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The tracker as its users run it, for reliability tests: a real broker and streams apps as child processes of
 * the packaged launcher, which the test can stop, kill and restart.
 */
final class LocalCluster implements AutoCloseable {
    final Path dir;
    final String bootstrap;
    private final List<Launcher> running = new ArrayList<>();
    private Launcher broker;
    private int runs;

    LocalCluster(final Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        this.bootstrap = "127.0.0.1:" + freePortPair();
        startBroker();
    }

    /**
     * A free pair of ports for a test's broker: a random first choice, so that test runs of other checkouts on the
     * same machine seldom reach for the same ports, below Linux's ephemeral range (32768 and up), where any client's
     * outgoing connection may take a port between the check and the broker's bind.
     */
    static int freePortPair() {
        return LocalKafka.freePortPair(21000 + 2 * ThreadLocalRandom.current().nextInt(3500));
    }

    void startBroker() throws IOException, InterruptedException {
        broker = start("broker", "--bootstrap-server", bootstrap, "--data-dir", dir.resolve("broker").toString());
        broker.awaitOutput(out -> out.contains("Kafka broker running on " + bootstrap), Duration.ofMinutes(2));
    }

    /** Stops the broker cleanly (SIGTERM), as an operator restarting it would. */
    void stopBroker() throws InterruptedException {
        broker.close();
        running.remove(broker);
    }

    /**
     * A streams app restarted as an operator's service manager would: on the same machine and state directory
     * (so its transactional ids fence the killed process's open transaction at once), with a static group
     * membership (so its partitions come straight back without waiting for the dead member's session to end).
     */
    Launcher startStreams() throws IOException, InterruptedException {
        return startStreams(1, 0);
    }

    /**
     * Instance {@code n} of the app: its own state directory and group membership, its dashboard on {@code port}
     * (0 for any free port), with any extra flags.
     */
    Launcher startStreams(final int n, final int port, final String... extra) throws IOException, InterruptedException {
        final Launcher streams = launchStreams(n, port, extra);
        awaitRunning(streams);
        return streams;
    }

    /** As {@link #startStreams(int, int, String...)}, without waiting for it to run, so that several start at once. */
    Launcher launchStreams(final int n, final int port, final String... extra) throws IOException {
        final List<String> args = new ArrayList<>(List.of("streams", "--bootstrap-server", bootstrap,
                "--port", String.valueOf(port),
                "-X", "application.id=reliability-it", "-X", "state.dir=" + dir.resolve("state-" + n),
                "-X", "main.consumer.group.instance.id=reliability-it-" + n, "-X", "session.timeout.ms=10000"));
        args.addAll(List.of(extra));
        return start(args.toArray(new String[0]));
    }

    /** Waits until a launched streams app runs. */
    void awaitRunning(final Launcher streams) throws IOException, InterruptedException {
        streams.awaitOutput(out -> out.contains("running against " + bootstrap), Duration.ofMinutes(2));
    }

    /** Kills a process at once (SIGKILL): no shutdown hook, no clean close, an open transaction left behind. */
    void kill(final Launcher launcher) throws InterruptedException {
        launcher.process.destroyForcibly().waitFor();
        running.remove(launcher);
    }

    Launcher start(final String... args) throws IOException {
        final Launcher launcher = Launcher.start(dir, args[0] + "-" + runs++, args);
        running.add(launcher);
        return launcher;
    }

    Properties clientProps() {
        final Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        return props;
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }
}
