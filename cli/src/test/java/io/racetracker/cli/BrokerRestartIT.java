package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.topic.Topics;
import io.racetracker.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker stops and comes back mid-race: the producer and the streams app ride it out, and the books balance. */
class BrokerRestartIT {

    @Test
    void producerAndStreamsRideOutABrokerRestart(@TempDir final Path dir) throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir)) {
            final Launcher streams = cluster.startStreams();
            // at 900 times real time the race lasts some 40 s: the broker is stopped a quarter of the way through
            final Launcher producer = cluster.start("produce", "--scenario", "mass", "--runners", "600", "--seed", "5",
                    "--speed", "900", "--bootstrap-server", cluster.bootstrap);
            Await.until(() -> Outputs.committedEnd(cluster.clientProps(), Topics.ATHLETE_PROJECTIONS.name()) >= 500,
                    Duration.ofMinutes(2), "no progress before the restart");

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
