package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.event.BroadcastLine;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.event.Units;
import io.racetracker.core.event.Wave;
import io.racetracker.core.json.Json;
import io.racetracker.core.model.Models;
import io.racetracker.core.race.Courses;
import io.racetracker.core.topic.Keys;
import io.racetracker.core.topic.Topics;
import io.racetracker.producer.ProducerSettings;
import io.racetracker.producer.RaceReplayer;
import io.racetracker.producer.scenario.Scenario;
import io.racetracker.producer.scenario.Vienna2019;
import io.racetracker.producer.wire.WireFaults;
import io.racetracker.streams.http.DashboardServer;
import io.racetracker.streams.http.HttpOptions;
import io.racetracker.streams.http.OpenApiDocumentTest;
import io.racetracker.testing.Await;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
        final double halfway = firstHalf.get(firstHalf.size() - 1).distanceM();
        final String path = "/events?athlete=" + KIPCHOGE + "&kind=state,projection";
        final Subscribed subscribed;
        // the query answers from the live store, which may run up to a commit ahead of the output topics, and the
        // page's feed follows the topics on a consumer of its own: a witness, subscribed before the first half, tells
        // when the feed has taken it up, and the late subscriber comes then, once
        try (Subscribed witness = subscribe(path)) {
            replay(firstHalf);
            awaitStatus("/races/" + Vienna2019.RACE_ID + "/athletes/" + KIPCHOGE, 200,
                    body -> Json.mapper().readTree(body).get("distanceM").asDouble() == halfway);
            final int[] projections = {witness.projections().size()};
            final boolean[] atHalfway = {witness.states().stream().anyMatch(e -> field(e, "distanceM").asDouble() == halfway)};
            witness.events().until(e -> {
                projections[0] += e.name().equals("projection") ? 1 : 0;
                atHalfway[0] |= e.name().equals("state") && field(e, "distanceM").asDouble() == halfway;
                return atHalfway[0] && projections[0] == firstHalf.size();
            });
            subscribed = subscribe(path);
        }

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
    void overlaysAreServedOnlyWithGoodParameters() throws Exception {
        final HttpResponse<String> lowerThird = get("/overlay/lower-third?race=vienna-2019&athlete=" + KIPCHOGE);
        assertEquals(200, lowerThird.statusCode());
        assertTrue(lowerThird.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertTrue(lowerThird.body().contains("data-overlay=\"lower-third\""), lowerThird.body());
        final HttpResponse<String> strip = get("/overlay/leaderboard?race=vienna-2019&category=ELITE-M&n=20");
        assertEquals(200, strip.statusCode());
        assertTrue(strip.body().contains("data-overlay=\"leaderboard\""), strip.body());
        assertEquals(200, get("/overlay/leaderboard?race=vienna-2019").statusCode());
        final HttpResponse<String> missing = get("/overlay/lower-third?race=vienna-2019");
        assertEquals(400, missing.statusCode());
        assertTrue(missing.body().contains("parameter 'athlete' is required"), missing.body());
        final HttpResponse<String> tooMany = get("/overlay/leaderboard?race=vienna-2019&n=21");
        assertEquals(400, tooMany.statusCode());
        assertTrue(tooMany.body().contains("n must be a whole number from 1 to 20"), tooMany.body());
        for (final String bad : List.of("/overlay/leaderboard?race=vienna-2019&n=0", "/overlay/leaderboard?race=vienna-2019&n=x",
                "/overlay/leaderboard?race=%3Cscript%3E", "/overlay/leaderboard?race=a&race=b",
                "/overlay/leaderboard?race=vienna-2019&colour=red", "/overlay/lower-third?race=vienna-2019&athlete=%3Cimg%3E")) {
            assertEquals(400, get(bad).statusCode(), bad);
        }
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
                "kafka_consumer_fetch_manager_records_consumed_total",
                // the JVM's and the process's
                "jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads", "process_cpu_usage", "system_cpu_count",
                "process_uptime_seconds", "jvm_classes_loaded_classes")) {
            assertTrue(metrics.body().contains(name), name + " missing from /metrics");
        }
        // the lag is a histogram with fixed buckets, which instances can add up, not client-side quantiles
        assertTrue(metrics.body().contains("racetracker_end_to_end_lag_seconds_bucket{le=\"0.1\"}"), metrics.body());
        assertTrue(metrics.body().contains("racetracker_end_to_end_lag_seconds_bucket{le=\"+Inf\"}"));
        assertTrue(metrics.body().contains("racetracker_end_to_end_lag_seconds_count"));
        assertFalse(metrics.body().contains("racetracker_end_to_end_lag_seconds{quantile="), "no client-side summary");
    }

    @Test
    void openApiDescribesEveryRouteAndEveryPathInItAnswers() throws Exception {
        final HttpResponse<String> document = get("/openapi.json");
        assertEquals(200, document.statusCode());
        assertTrue(document.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        final SwaggerParseResult parsed = OpenApiDocumentTest.parse(document.body());
        assertTrue(parsed.getMessages().isEmpty(), String.valueOf(parsed.getMessages()));
        final Paths paths = parsed.getOpenAPI().getPaths();
        assertEquals(new java.util.TreeSet<>(dashboard.routePaths()), new java.util.TreeSet<>(paths.keySet()),
                "every route the server answers is in /openapi.json, and nothing else");
        for (final Map.Entry<String, PathItem> path : paths.entrySet()) {
            final String concrete = path.getKey().replace("{race}", Vienna2019.RACE_ID).replace("{id}", KIPCHOGE)
                    .replace("{name}", "app.js");
            final int status;
            final String body;
            if (concrete.equals("/events")) {
                final HttpResponse<java.io.InputStream> stream = HTTP.send(HttpRequest.newBuilder(uri(concrete)).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                status = stream.statusCode();
                stream.body().close();
                body = "";
            } else {
                final HttpResponse<String> response = get(concrete);
                status = response.statusCode();
                body = response.body();
            }
            assertFalse(status == 404 && body.contains("nothing here"), concrete + " is not served: " + body);
            assertTrue(path.getValue().getGet().getResponses().containsKey(String.valueOf(status)),
                    concrete + " answered " + status + ", which /openapi.json does not list: " + body);
        }
    }

    @Test
    void racesListsEveryKnownRaceWithItsTimeZoneUnitsAndWavesByStartTime() throws Exception {
        final Instant bostonGun = Instant.parse("2023-04-17T13:37:00Z");
        final Course boston = Courses.marathon("races-it-boston", "Boston Marathon", bostonGun, 10_800_000L)
                .withLocale("America/New_York", Units.MI, List.of(new Wave("1", bostonGun.plusSeconds(23 * 60), "1-7999"),
                        new Wave("2", bostonGun.plusSeconds(48 * 60), "8000-15999")));
        final Course berlin = Courses.marathon("races-it-berlin", "Berlin Marathon", Instant.parse("2023-09-24T07:15:00Z"),
                10_800_000L).withLocale("Europe/Berlin", Units.KM, List.of());
        // published in the reverse of their start order: the list is sorted, not in the order the courses came
        for (final Course course : List.of(berlin, boston)) {
            producer.send(new ProducerRecord<>(Topics.RACE_COURSES.name(), course.raceId(),
                    Topics.RACE_COURSES.valueSerde().serializer().serialize(Topics.RACE_COURSES.name(), course))).get();
        }
        final HttpResponse<String> response = awaitStatus("/races", 200, body -> {
            final String ids = Json.mapper().readTree(body).findValuesAsText("raceId").toString();
            return ids.contains("races-it-boston") && ids.contains("races-it-berlin");
        });
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        final List<JsonNode> races = new ArrayList<>();
        Json.mapper().readTree(response.body()).forEach(races::add);
        final List<String> order = races.stream().map(r -> r.get("raceId").asText()).toList();
        assertTrue(order.indexOf("races-it-boston") < order.indexOf("races-it-berlin"), "by start time: " + order);
        final List<Instant> starts = races.stream().map(r -> Instant.parse(r.get("startTime").asText())).toList();
        assertEquals(starts.stream().sorted().toList(), starts, "sorted by start time");

        final JsonNode b = races.get(order.indexOf("races-it-boston"));
        assertEquals("Boston Marathon", b.get("name").asText());
        assertEquals(42_195, b.get("distanceM").asDouble());
        assertEquals("mi", b.get("units").asText());
        assertEquals("America/New_York", b.get("timeZone").asText());
        assertEquals(bostonGun, Instant.parse(b.get("startTime").asText()));
        assertEquals(2, b.get("waves").size());
        assertEquals("2", b.at("/waves/1/id").asText());
        assertEquals(bostonGun.plusSeconds(48 * 60), Instant.parse(b.at("/waves/1/start").asText()));
        final JsonNode g = races.get(order.indexOf("races-it-berlin"));
        assertEquals("km", g.get("units").asText());
        assertEquals("Europe/Berlin", g.get("timeZone").asText());
        assertEquals(0, g.get("waves").size());
        assertEquals(400, get("/races?all=true").statusCode());
    }

    @Test
    void oneAddressCannotTakeEveryPlaceForEventStreams() throws Exception {
        final List<RawStream> held = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                final RawStream stream = RawStream.open("127.0.0.3", "/events?race=limits-it", Map.of(), 0);
                held.add(stream);
                assertEquals(200, stream.status(), "stream " + (i + 1) + " of 127.0.0.3");
            }
            try (RawStream ninth = RawStream.open("127.0.0.3", "/events?race=limits-it", Map.of(), 0)) {
                assertEquals(429, ninth.status(), "a ninth stream from the same address");
                final String body = ninth.body();
                assertTrue(body.contains("too many open event streams from 127.0.0.3"), body);
            }
            try (RawStream other = RawStream.open("127.0.0.4", "/events?race=limits-it", Map.of(), 0)) {
                assertEquals(200, other.status(), "another address still gets a stream");
            }
        } finally {
            held.forEach(RawStream::close);
        }
        // a closed stream gives its place back once the server finds it closed, at the latest at its next heartbeat
        Await.until(() -> {
            try (RawStream again = RawStream.open("127.0.0.3", "/events?race=limits-it", Map.of(), 0)) {
                return again.status() == 200;
            } catch (final java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, WAIT, "closed streams never gave their places back");
    }

    @Test
    void aClientThatDoesNotReadNeitherStopsOthersGettingEventsNorKeepsItsPlaces() throws Exception {
        final String race = "slow-it";
        final String path = "/events?race=" + race + "&kind=broadcast";
        final double droppedBefore = metric("racetracker_dashboard_clients_dropped_total");
        final List<RawStream> stalled = new ArrayList<>();
        final int stalledCount = 4;
        try (Subscribed reader = subscribe(path)) {
            for (int i = 0; i < stalledCount; i++) {
                // a small receive window, and nothing read past the status line: the server's writes soon find no room
                final RawStream stream = RawStream.open("127.0.0.5", path, Map.of(), 4_096);
                stalled.add(stream);
                assertEquals(200, stream.status());
            }
            // about 12 MB: far more than the sockets' buffers and the stalled clients' queues hold
            final int lines = 3_000;
            final String padding = "x".repeat(4_000);
            for (int i = 1; i <= lines; i++) {
                sendBroadcast(race, "runner-" + (i % 7), "LINE " + i + " " + padding);
            }
            producer.flush();
            // lines of different athletes lie on different partitions: they come in no set order
            final List<Event> got = reader.events().until(counting(lines));
            assertEquals(lines, got.stream().map(e -> field(e, "text").asText()).distinct().count(),
                    "the reading client got every line, each once");

            Await.until(() -> metric("racetracker_dashboard_clients_dropped_total") >= droppedBefore + stalledCount,
                    WAIT, "the stalled clients are dropped once their queues overflow");
            // their places are free again, though their sockets never took the bytes still pending
            final List<RawStream> again = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    final RawStream stream = RawStream.open("127.0.0.5", path, Map.of(), 0);
                    again.add(stream);
                    assertEquals(200, stream.status(), "place " + (i + 1) + " of 127.0.0.5 after the drop");
                }
            } finally {
                again.forEach(RawStream::close);
            }
        } finally {
            stalled.forEach(RawStream::close);
        }
    }

    @Test
    void resumingWithLastEventIdGetsEveryEventAfterItOnceAndNoneBefore() throws Exception {
        final String race = "resume-it";
        final String path = "/events?race=" + race + "&kind=broadcast";
        final List<String> seen = new ArrayList<>();
        final String lastId;
        // a second client that stays: it tells when the feed has passed the lines on
        try (Subscribed witness = subscribe(path)) {
        try (Subscribed first = subscribe(path)) {
            assertEquals(0, first.snapshot().size());
            assertTrue(first.ready().id() != null, "ready carries the feed's position: " + first.ready());
            for (int i = 1; i <= 10; i++) {
                sendBroadcast(race, "runner-" + (i % 5), "LINE " + i);
            }
            // a client that took six events and lost its connection
            final List<Event> six = first.events().until(counting(6));
            six.forEach(e -> seen.add(field(e, "text").asText()));
            lastId = six.get(5).id();
        }
        for (int i = 11; i <= 20; i++) {
            sendBroadcast(race, "runner-" + (i % 5), "LINE " + i);
        }
        producer.flush();
        assertEquals(20, witness.events().until(counting(20)).size());

        try (SseReader resumed = SseReader.open(uri(path), Map.of("Last-Event-ID", lastId))) {
            final List<Event> replayed = resumed.until(e -> e.name().equals("ready"));
            final Event ready = replayed.remove(replayed.size() - 1);
            assertEquals(replayed.size(), Json.mapper().readTree(ready.data()).get("resumed").asInt(), ready.data());
            replayed.forEach(e -> seen.add(field(e, "text").asText()));
            assertTrue(replayed.stream().allMatch(e -> e.id() != null), "replayed events carry their ids");
            for (int i = 21; i <= 25; i++) {
                sendBroadcast(race, "runner-" + (i % 5), "LINE " + i);
            }
            resumed.until(counting(5)).forEach(e -> seen.add(field(e, "text").asText()));
        }
        }
        final List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            expected.add("LINE " + i);
        }
        assertEquals(25, seen.size(), "no line twice: " + seen);
        assertEquals(new java.util.TreeSet<>(expected), new java.util.TreeSet<>(seen), "no line missed");

        try (SseReader stale = SseReader.open(uri(path), Map.of("Last-Event-ID", "broadcast-feed:0:999999999"))) {
            final List<Event> snapshot = stale.until(e -> e.name().equals("ready"));
            final Event ready = snapshot.remove(snapshot.size() - 1);
            assertTrue(ready.data().contains("\"snapshot\""), "an id the feed does not hold gets a snapshot: " + ready);
            assertTrue(snapshot.stream().allMatch(e -> e.id() == null), "snapshot events carry no id");
        }
    }

    private static Predicate<Event> counting(final int n) {
        final int[] count = {0};
        return e -> ++count[0] == n;
    }

    private static void sendBroadcast(final String race, final String athleteId, final String text) throws Exception {
        final BroadcastLine line = new BroadcastLine(race, athleteId, text, "5K", 5_000, 900_000, 7_200_000, 0.5, 0,
                AthleteStatus.ON_COURSE, Instant.parse("2024-01-01T10:00:00Z"));
        producer.send(new ProducerRecord<>(Topics.BROADCAST_FEED.name(), Keys.athlete(race, athleteId),
                Topics.BROADCAST_FEED.valueSerde().serializer().serialize(Topics.BROADCAST_FEED.name(), line)));
    }

    private static double metric(final String name) {
        try {
            for (final String line : get("/metrics").body().split("\n")) {
                if (line.startsWith(name + " ")) {
                    return Double.parseDouble(line.substring(name.length() + 1).trim());
                }
            }
            return 0;
        } catch (final Exception e) {
            throw new AssertionError("cannot read " + name + " from /metrics", e);
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

    private static HttpResponse<String> awaitStatus(final String path, final int status, final Check check) {
        return Await.until(() -> {
            try {
                return get(path);
            } catch (final Exception e) {
                throw new AssertionError("GET " + path + " failed", e);
            }
        }, response -> response.statusCode() == status && passes(check, response.body()), WAIT,
                response -> path + " answers " + response.statusCode() + ": " + response.body());
    }

    private static boolean passes(final Check check, final String body) {
        try {
            return check.test(body);
        } catch (final Exception e) {
            return false;
        }
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
    record Subscribed(SseReader events, List<Event> snapshot, Event ready) implements AutoCloseable {
        @Override
        public void close() {
            events.close();
        }

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

    /**
     * An HTTP request on a plain socket from a chosen local address (any 127.x.y.z is this machine), for what the
     * HTTP client cannot do: come from another address, or stop reading.
     */
    static final class RawStream implements AutoCloseable {
        private final Socket socket;
        private final java.io.InputStream in;
        private int status = -1;

        private RawStream(final Socket socket) throws java.io.IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
        }

        /** @param receiveBuffer the socket's receive buffer in bytes, 0 for the system's */
        static RawStream open(final String from, final String path, final Map<String, String> headers,
                              final int receiveBuffer) throws java.io.IOException {
            final Socket socket = new Socket();
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", dashboard.port()), 5_000);
            final StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: text/event-stream\r\n");
            headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new RawStream(socket);
        }

        /** The status code; reads the status line and nothing more. */
        int status() throws java.io.IOException {
            if (status < 0) {
                final StringBuilder line = new StringBuilder();
                for (int c = in.read(); c != '\n'; c = in.read()) {
                    if (c < 0) {
                        throw new java.io.EOFException("the server closed the connection after '" + line + "'");
                    }
                    line.append((char) c);
                }
                status = Integer.parseInt(line.toString().split(" ")[1]);
            }
            return status;
        }

        /** What follows the status line, up to the end of a short, non-streamed answer. */
        String body() throws java.io.IOException {
            status();
            final byte[] buffer = new byte[4_096];
            final StringBuilder text = new StringBuilder();
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                if (text.indexOf("}") >= 0) {
                    break;
                }
            }
            return text.toString();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (final java.io.IOException e) {
                // closing
            }
        }
    }

    /** Reads a server-sent-event stream on a thread of its own; the test waits on it with deadlines. */
    static final class SseReader implements AutoCloseable {
        /** Status of a stream refused for want of a place: those of closed streams come back within a heartbeat. */
        private static final int NO_PLACE_YET = 429;
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
            return open(uri, Map.of());
        }

        static SseReader open(final URI uri, final Map<String, String> headers) throws Exception {
            final HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
            headers.forEach(request::header);
            // the server learns that a client closed its stream when it next writes to it (an event or a heartbeat):
            // until then the place stays taken, and streams the tests closed just before may hold this address's
            final HttpResponse<java.util.stream.Stream<String>> response = Await.until(() -> {
                try {
                    final HttpResponse<java.util.stream.Stream<String>> sent = HTTP.send(request.build(),
                            HttpResponse.BodyHandlers.ofLines());
                    if (sent.statusCode() == NO_PLACE_YET) {
                        sent.body().close();
                    }
                    return sent;
                } catch (final java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }, sent -> sent.statusCode() != NO_PLACE_YET, WAIT, sent -> uri + " found no place for a stream");
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
