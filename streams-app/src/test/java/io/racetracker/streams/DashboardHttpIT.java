package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.json.Json;
import io.racetracker.core.model.Models;
import io.racetracker.core.topic.Topics;
import io.racetracker.producer.ProducerSettings;
import io.racetracker.producer.RaceReplayer;
import io.racetracker.producer.scenario.Scenario;
import io.racetracker.producer.scenario.Vienna2019;
import io.racetracker.producer.wire.WireFaults;
import io.racetracker.streams.http.DashboardServer;
import io.racetracker.streams.http.HttpOptions;
import io.racetracker.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's HTTP endpoints against a real broker and a running streams app, without a browser. */
class DashboardHttpIT {
    private static final String KIPCHOGE = "eliud-kipchoge";
    private static final Duration WAIT = Duration.ofSeconds(60);
    @TempDir
    static Path dir;
    private static RealKafka kafka;
    private static TrackerService tracker;
    private static DashboardServer dashboard;
    private static KafkaProducer<String, byte[]> producer;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        kafka = RealKafka.start();
        tracker = new TrackerService(kafka.streamsConfig(dir.resolve("state")), Models.live()).start(WAIT);
        dashboard = DashboardServer.start(new HttpOptions("127.0.0.1", 0), kafka.streamsConfig(dir), tracker);
        producer = new KafkaProducer<>(ProducerSettings.of(kafka.bootstrapServers(), Map.of()));
    }

    @AfterAll
    static void stop() throws Exception {
        producer.close();
        dashboard.close();
        tracker.close();
        kafka.close();
    }

    @Test
    void lateSubscriberGetsTheCurrentStateFirstThenLiveUpdates() throws Exception {
        final Scenario vienna = Vienna2019.scenario();
        final List<SplitEvent> his = vienna.reads().stream().filter(r -> r.athleteId().equals(KIPCHOGE)).toList();
        final List<SplitEvent> firstHalf = his.stream().filter(r -> r.distanceM() <= 21_100).toList();
        final List<SplitEvent> secondHalf = his.stream().filter(r -> r.distanceM() > 21_100).toList();
        replay(firstHalf);
        final double halfway = firstHalf.get(firstHalf.size() - 1).distanceM();
        awaitStatus("/races/" + Vienna2019.RACE_ID + "/athletes/" + KIPCHOGE, 200, body -> Json.mapper().readTree(body).get("distanceM").asDouble() == halfway);
        // the query answers from the live store, which may run up to a commit ahead of the output topics, and the
        // page's feed follows the topics on a consumer of its own: subscribe once the feed has taken up the first half
        final Subscribed subscribed = Await.until(() -> subscribe("/events?athlete=" + KIPCHOGE + "&kind=state,projection"),
                s -> s.closeUnless(s.states().size() == 1 && field(s.states().get(0), "distanceM").asDouble() == halfway
                        && s.projections().size() == firstHalf.size()),
                WAIT, s -> "the page's feed never caught up with the first half: " + s.snapshot());

        try (SseReader events = subscribed.events()) {
            final List<Event> snapshot = subscribed.snapshot();
            final Event ready = subscribed.ready();
            assertEquals(snapshot.size(), Json.mapper().readTree(ready.data()).get("snapshot").asInt());
            assertEquals(1, subscribed.states().size(), "one current state per athlete: " + snapshot);
            assertEquals(halfway, field(subscribed.states().get(0), "distanceM").asDouble());
            assertEquals(firstHalf.size(), subscribed.projections().size(),
                    "with an athlete filter, the athlete's projections so far");

            replay(secondHalf);
            final List<Event> live = events.until(e -> e.name().equals("state")
                    && field(e, "status").asText().equals("FINISHED"));
            assertTrue(live.stream().allMatch(e -> field(e, "distanceM").asDouble() > halfway), "only new records after ready");
            assertTrue(live.stream().allMatch(e -> field(e, "athleteId").asText().equals(KIPCHOGE)), "filtered");
        }
        // boards are published once a second: wait for it with a deadline
        awaitStatus("/races/" + Vienna2019.RACE_ID + "/leaderboard?category=ALL", 200,
                body -> KIPCHOGE.equals(Json.mapper().readTree(body).at("/entries/0/athleteId").asText()));
        assertEquals(200, get("/races/" + Vienna2019.RACE_ID + "/athletes/" + KIPCHOGE + "/history").statusCode());
    }

    @Test
    void unknownAthleteOrLeaderboardIs404WithAMessage() throws Exception {
        final HttpResponse<String> athlete = get("/races/vienna-2019/athletes/nobody-here");
        assertEquals(404, athlete.statusCode());
        assertTrue(athlete.body().contains("no athlete 'nobody-here'"), athlete.body());
        assertTrue(athlete.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        final HttpResponse<String> board = get("/races/no-such-race/leaderboard?category=ALL");
        assertEquals(404, board.statusCode());
        assertTrue(board.body().contains("no leaderboard for race 'no-such-race'"), board.body());
    }

    @Test
    void badParametersAre400WithAClearMessage() throws Exception {
        final HttpResponse<String> kind = get("/events?kind=state,gossip");
        assertEquals(400, kind.statusCode());
        assertTrue(kind.body().contains("unknown kind 'gossip'; valid kinds: projection,state,leaderboard,alert,broadcast,result"),
                kind.body());
        assertEquals(400, get("/events?athlete=" + "a".repeat(65)).statusCode());
        assertEquals(400, get("/events?race=%3Cscript%3E").statusCode());
        assertEquals(400, get("/events?colour=red").statusCode());
        assertEquals(400, get("/events?race=a&race=b").statusCode());
        assertEquals(400, get("/races/vienna-2019/leaderboard?category=%20ALL").statusCode());
        assertEquals(400, get("/races/vienna-2019/athletes/%3Cimg%3E").statusCode());
    }

    @Test
    void onlyGetIsAllowed() throws Exception {
        for (final String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/races/" + Vienna2019.RACE_ID + "/athletes/" + KIPCHOGE))
                    .method(method, HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, response.statusCode(), method);
            assertEquals("GET", response.headers().firstValue("allow").orElse(""), method);
        }
    }

    @Test
    void nothingOutsideTheBundledAssetsCanBeRead() throws Exception {
        for (final String path : List.of("/../pom.xml", "/assets/../../pom.xml", "/assets/..%2F..%2Fpom.xml",
                "/%2e%2e/%2e%2e/pom.xml", "/assets/%2e%2e%2f%2e%2e%2fpom.xml", "/assets/..%5c..%5cpom.xml",
                "/assets/dashboard/index.html", "/assets/io/racetracker/streams/TrackerService.class",
                "/assets/META-INF%2fMANIFEST.MF", "/webjars/chart.js/4.4.9/dist/chart.umd.js", "/dashboard/app.js")) {
            final HttpResponse<String> response = get(path);
            assertTrue(response.statusCode() == 404 || response.statusCode() == 400, path + " -> " + response.statusCode());
            assertFalse(response.body().contains("<project") || response.body().contains("Manifest-Version"), path);
        }
        final HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        final String csp = page.headers().firstValue("content-security-policy").orElseThrow();
        assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'") && !csp.contains("http"), csp);
        assertEquals("nosniff", page.headers().firstValue("x-content-type-options").orElseThrow());
        assertEquals(200, get("/assets/chart.umd.js").statusCode());
    }

    @Test
    void metricsCarryTheAppsOwnAndKafkaStreamsMetrics() throws Exception {
        producer.send(new ProducerRecord<>(Topics.RACE_SPLITS.name(), "someone", "not json".getBytes(StandardCharsets.UTF_8))).get();
        final HttpResponse<String> metrics = awaitStatus("/metrics", 200,
                body -> body.contains("racetracker_dead_letters_total{code=\"MALFORMED_JSON\"}"));
        assertTrue(metrics.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
        for (final String name : List.of("racetracker_reads_in_total", "racetracker_reads_accepted_total",
                "racetracker_reads_duplicate_total", "racetracker_outputs_total{topic=\"athlete-projections\"}",
                "racetracker_end_to_end_lag_seconds", "racetracker_dashboard_clients", "kafka_stream_thread_process_total",
                "kafka_consumer_fetch_manager_records_consumed_total")) {
            assertTrue(metrics.body().contains(name), name + " missing from /metrics");
        }
    }

    private static JsonNode field(final Event event, final String name) {
        try {
            return Json.mapper().readTree(event.data()).get(name);
        } catch (final Exception e) {
            throw new AssertionError("not JSON: " + event, e);
        }
    }

    private static void replay(final List<SplitEvent> reads) throws InterruptedException {
        final Scenario vienna = Vienna2019.scenario();
        new RaceReplayer(producer).replay(Scenario.of(vienna.name(), vienna.course(),
                List.of(Vienna2019.kipchoge()), reads, WireFaults.NONE), Double.POSITIVE_INFINITY, (sent, latest) -> { });
    }

    private interface Check {
        boolean test(String body) throws Exception;
    }

    private static HttpResponse<String> awaitStatus(final String path, final int status, final Check check) throws Exception {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> response = get(path);
        while (response.statusCode() != status || !check.test(response.body())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("after " + WAIT + ", " + path + " answers " + response.statusCode() + ": " + response.body());
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling interval between HTTP checks, bounded by the deadline
            response = get(path);
        }
        return response;
    }

    private static HttpResponse<String> get(final String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(final String path) {
        return URI.create("http://127.0.0.1:" + dashboard.port() + path);
    }

    record Event(String name, String id, String data) {
    }

    /** An open event stream and its snapshot, up to its {@code ready} event. */
    record Subscribed(SseReader events, List<Event> snapshot, Event ready) {
        List<Event> states() {
            return snapshot.stream().filter(e -> e.name().equals("state")).toList();
        }

        List<Event> projections() {
            return snapshot.stream().filter(e -> e.name().equals("projection")).toList();
        }

        /** Whether to keep this subscription; closes it if not. */
        boolean closeUnless(final boolean keep) {
            if (!keep) {
                events.close();
            }
            return keep;
        }
    }

    private static Subscribed subscribe(final String path) {
        try {
            final SseReader events = SseReader.open(uri(path));
            final List<Event> snapshot = events.until(e -> e.name().equals("ready"));
            final Event ready = snapshot.remove(snapshot.size() - 1);
            return new Subscribed(events, snapshot, ready);
        } catch (final Exception e) {
            throw new AssertionError("cannot subscribe to " + path, e);
        }
    }

    /** Reads a server-sent-event stream on a thread of its own; the test waits on it with deadlines. */
    static final class SseReader implements AutoCloseable {
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final Thread thread;
        private final java.util.stream.Stream<String> lines;

        private SseReader(final HttpResponse<java.util.stream.Stream<String>> response) {
            lines = response.body();
            thread = new Thread(() -> {
                String name = "message";
                String id = null;
                final StringBuilder data = new StringBuilder();
                for (final String line : (Iterable<String>) response.body()::iterator) {
                    if (line.isEmpty()) {
                        if (data.length() > 0) {
                            events.add(new Event(name, id, data.toString()));
                        }
                        name = "message";
                        id = null;
                        data.setLength(0);
                    } else if (line.startsWith("event: ")) {
                        name = line.substring(7);
                    } else if (line.startsWith("id: ")) {
                        id = line.substring(4);
                    } else if (line.startsWith("data: ")) {
                        data.append(line.substring(6));
                    }
                }
            }, "sse-reader");
            thread.setDaemon(true);
            thread.start();
        }

        static SseReader open(final URI uri) throws Exception {
            final HttpResponse<java.util.stream.Stream<String>> response = HTTP.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
            return new SseReader(response);
        }

        /** Events up to and including the first that matches, or fails after the deadline. */
        List<Event> until(final Predicate<Event> last) throws InterruptedException {
            final List<Event> seen = new ArrayList<>();
            final long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                final Event event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (event == null) {
                    throw new AssertionError("after " + WAIT + " the stream had only " + seen);
                }
                seen.add(event);
                if (last.test(event)) {
                    return seen;
                }
            }
        }

        @Override
        public void close() {
            lines.close(); // ends the request, so that the server frees its place at once
            thread.interrupt();
        }
    }
}
