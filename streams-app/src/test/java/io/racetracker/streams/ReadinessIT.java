package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.model.Models;
import io.racetracker.streams.http.DashboardServer;
import io.racetracker.streams.http.HttpOptions;
import io.racetracker.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health/live} and {@code /health/ready} on a real broker: a process whose streams client stopped still
 * answers HTTP, and must say that it is not ready, and why.
 */
class ReadinessIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** One broker for both tests: each runs an application of its own (its own id and state) and writes nothing. */
    @RegisterExtension
    static final RealKafka.PerClass BROKER = new RealKafka.PerClass();
    @TempDir
    Path dir;
    private TrackerService tracker;
    private DashboardServer dashboard;

    @BeforeEach
    void start() throws Exception {
        final RealKafka kafka = BROKER.kafka();
        tracker = new TrackerService(kafka.streamsConfig(dir.resolve("state")), Models.live()).start(WAIT);
        dashboard = DashboardServer.start(new HttpOptions("127.0.0.1", 0), kafka.streamsConfig(dir), tracker);
    }

    @AfterEach
    void stop() throws Exception {
        dashboard.close();
        tracker.close();
    }

    @Test
    void aRunningAppIsReady() {
        final HttpResponse<String> ready = Await.until(() -> get("/health/ready"), r -> r.statusCode() == 200, WAIT,
                r -> "not ready: " + r.statusCode() + " " + r.body());
        assertEquals("{\"status\":\"READY\"}", ready.body());
    }

    @Test
    void aStreamsClientStoppedFromOutsideMakesReady503WithTheReasonWhileLiveStays200() throws Exception {
        Await.until(() -> get("/health/ready").statusCode() == 200, WAIT, "never ready");

        tracker.streams().close(Duration.ofSeconds(30));

        final HttpResponse<String> ready = get("/health/ready");
        assertEquals(503, ready.statusCode(), ready.body());
        assertEquals("{\"status\":\"NOT_READY\",\"reasons\":[\"streams client is NOT_RUNNING\"]}", ready.body());
        final HttpResponse<String> live = get("/health/live");
        assertEquals(200, live.statusCode(), live.body());
        assertEquals("{\"status\":\"LIVE\"}", live.body());
        assertTrue(tracker.failure().isDone(), "the service reports that its client stopped on its own");
    }

    private HttpResponse<String> get(final String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dashboard.port() + path)).GET()
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
