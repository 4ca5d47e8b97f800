package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker stops and comes back mid-race: the producer and the streams app ride it out, and the books balance. */
class BrokerRestartIT {

    @Test
    void producerAndStreamsRideOutABrokerRestart(@TempDir final Path dir) throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir)) {
            final Launcher streams = cluster.startStreams();
            final Launcher producer = cluster.start("produce", "--scenario", "mass", "--runners", "600", "--seed", "5",
                    "--speed", "600", "--bootstrap-server", cluster.bootstrap);
            final long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (Outputs.committedEnd(cluster.clientProps(), Topics.ATHLETE_PROJECTIONS.name()) < 500) {
                assertTrue(System.nanoTime() < deadline, "no progress before the restart");
                TimeUnit.MILLISECONDS.sleep(200);
            }

            cluster.stopBroker();
            assertTrue(producer.process.isAlive() && streams.process.isAlive(), "both wait for the broker");
            cluster.startBroker();

            assertEquals(0, producer.awaitExit(Duration.ofMinutes(4)), producer.output());
            try (Launcher verify = cluster.start("verify", "--bootstrap-server", cluster.bootstrap, "--wait-seconds", "300")) {
                assertEquals(0, verify.awaitExit(Duration.ofMinutes(6)), verify.output());
            }
            assertTrue(streams.process.isAlive(), "the streams app never stopped:\n" + streams.output());
        }
    }
}
