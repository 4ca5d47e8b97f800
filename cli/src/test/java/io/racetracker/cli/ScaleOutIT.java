package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.cli.verify.Books;
import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.topic.Keys;
import io.racetracker.core.topic.Topics;
import io.racetracker.testing.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out the Kafka Streams way: instances of one application share the partitions; with a standby replica a
 * killed instance's athletes carry on on another; outputs stay complete and exactly once.
 */
class ScaleOutIT {

    @Test
    void twoInstancesShareTheRaceAndOneCarriesOnWhenTheOtherIsKilled(@TempDir final Path dir) throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir)) {
            // the clean run it is compared with has no wall clock to publish the day's conditions on: fixed model
            final String[] standby = {"-X", "num.standby.replicas=1", "-X", "num.stream.threads=1",
                    "-X", "race.tracker.conditions.interval.ms=0"};
            final int firstPort = freePort();
            final int secondPort = freePort();
            final Launcher first = cluster.launchStreams(1, firstPort, standby);
            final Launcher second = cluster.launchStreams(2, secondPort, standby);
            cluster.awaitRunning(first);
            cluster.awaitRunning(second);
            final Launcher producer = cluster.start("produce", "--scenario", "mass", "--runners", "1000", "--seed", "13",
                    "--speed", "720", "--bootstrap-server", cluster.bootstrap);

            Await.until(() -> Outputs.committedEnd(cluster.clientProps(), Topics.ATHLETE_PROJECTIONS.name()) >= 2_000,
                    Duration.ofMinutes(3), "no progress with two instances");
            final List<String> athletes = Outputs.byKey(cluster.clientProps(), Topics.ATHLETE_PROJECTIONS).keySet()
                    .stream().limit(40).toList();
            for (final String athlete : athletes) {
                assertEquals(200, awaitAthlete(firstPort, athlete), "instance 1 answers for " + athlete);
                assertEquals(200, awaitAthlete(secondPort, athlete), "instance 2 answers for " + athlete);
            }
            cluster.kill(first);

            assertEquals(0, producer.awaitExit(Duration.ofMinutes(4)), producer.output());
            Await.until(() -> Books.read(cluster.clientProps(), Duration.ofMinutes(1)), Books::balance,
                    Duration.ofMinutes(4), b -> "the surviving instance never caught up: " + b);
            assertTrue(second.process.isAlive(), second.output());
            final Map<String, List<AthleteProjection>> projections =
                    Outputs.byKey(cluster.clientProps(), Topics.ATHLETE_PROJECTIONS);
            for (final String athlete : athletes) {
                assertEquals(200, awaitAthlete(secondPort, athlete), "the survivor answers for " + athlete);
            }
            assertEquals(CleanRun.projections(cluster.clientProps(), dir.resolve("reference")), projections,
                    "every athlete's projections exactly as one instance alone would have written them");
        }
    }

    /**
     * GET /races/{race}/athletes/{id} for an athlete key until it answers 200 (the owner may be rebalancing) or 60 s
     * pass; the last status.
     */
    private static int awaitAthlete(final int port, final String athleteKey) throws Exception {
        final String athleteId = Keys.athleteOf(athleteKey);
        final HttpClient http = HttpClient.newHttpClient();
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/races/"
                        + Keys.raceOf(athleteKey) + "/athletes/" + athleteId))
                .timeout(Duration.ofSeconds(10)).GET().build();
        final HttpResponse<String> response = Await.until(() -> {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (final IOException | InterruptedException e) {
                throw new AssertionError("GET " + request.uri() + " failed", e);
            }
        }, r -> r.statusCode() == 200, Duration.ofSeconds(60), r -> "GET " + request.uri() + ": " + r.statusCode());
        assertTrue(response.body().contains("\"athleteId\":\"" + athleteId + "\""), response.body());
        return response.statusCode();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
