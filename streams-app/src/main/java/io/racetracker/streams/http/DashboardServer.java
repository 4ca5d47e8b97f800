package io.racetracker.streams.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.racetracker.core.json.Json;
import io.racetracker.streams.TrackerService;
import io.racetracker.streams.http.EventFilter.BadRequestException;
import io.racetracker.streams.http.LocalStateQueries.StoreUnavailableException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams app's HTTP face, read-only: the live dashboard and its assets, interactive queries, server-sent
 * events of the output topics, and Prometheus metrics.
 *
 * <ul>
 *   <li>{@code GET /}: the dashboard; {@code GET /assets/{name}}: its files, from a fixed list</li>
 *   <li>{@code GET /openapi.json}: the OpenAPI 3.1 document of this API, every route below with its parameters,
 *       statuses and response schemas (the records' schemas are those of docs/schemas/)</li>
 *   <li>{@code GET /races}: every race the app knows (the courses), by start time</li>
 *   <li>{@code GET /races/{race}/athletes/{id}}: the athlete's latest projection (interactive query), 404 when unknown</li>
 *   <li>{@code GET /races/{race}/athletes/{id}/history}: the athlete's projections so far, oldest first</li>
 *   <li>{@code GET /races/{race}/leaderboard?category=ALL}: the latest leaderboard (interactive query), 404 when none</li>
 *   <li>{@code GET /events?race=&athlete=&kind=}: server-sent events, the current state first, then live; with
 *       {@code Last-Event-ID}, the events after that one when the feed still holds them</li>
 *   <li>{@code GET /overlay/lower-third?race=&athlete=}: a broadcast lower third for one athlete, and
 *       {@code GET /overlay/leaderboard?race=&category=ALL&n=5}: a top-n strip; pages with a transparent background at
 *       1920x1080 for a video mixer's browser source, driven by {@code /events}</li>
 *   <li>{@code GET /metrics}: Prometheus text format</li>
 *   <li>{@code GET /health/live}: 200 while the process serves HTTP</li>
 *   <li>{@code GET /health/ready}: 200 when the streams client is RUNNING, its stores answer and the dashboard feed
 *       follows the topics; otherwise 503 with {@code {"status":"NOT_READY","reasons":[..]}}</li>
 * </ul>
 * Any other method gets 405; bad parameters 400, with a JSON body {@code {"status":..,"error":".."}} saying what was
 * wrong.
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    /** Open event streams at most, from all clients together (503 beyond). */
    static final int MAX_STREAMS = 64;
    /** Open event streams at most from one remote address (429 beyond), so that no one client takes every place. */
    static final int MAX_STREAMS_PER_ADDRESS = 8;
    /** Rows at most on the leaderboard overlay. */
    static final int MAX_OVERLAY_ROWS = 20;
    /** The form of an event id, {@code topic:partition:offset}; any other {@code Last-Event-ID} is ignored. */
    private static final java.util.regex.Pattern EVENT_ID = java.util.regex.Pattern.compile("[a-z][a-z0-9.-]{0,100}:\\d{1,6}:\\d{1,19}");
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final StateQueries queries;
    private final StateQueries localQueries;
    private final OutputFeed feed;
    private final Readiness readiness;
    private final DashboardMetrics metrics;
    private final Assets assets = Assets.load();
    private final Assets.Asset openApi = Assets.openApi();
    private final Semaphore streamSlots = new Semaphore(MAX_STREAMS);
    private final Map<String, Integer> streamsByAddress = new ConcurrentHashMap<>();
    private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();
    /** Writes to every event stream, never waiting on a socket; also sends their heartbeats. */
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread thread = new Thread(r, "dashboard-events");
        thread.setDaemon(true);
        return thread;
    });
    private final Javalin app;

    private DashboardServer(final HttpOptions options, final StateQueries queries, final StateQueries localQueries,
                            final OutputFeed feed, final DashboardMetrics metrics, final TrackerService tracker) {
        this.queries = queries;
        this.readiness = new Readiness(tracker, feed);
        this.localQueries = localQueries;
        this.feed = feed;
        this.metrics = metrics;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.routes.before(this::onlyGet);
            routes().forEach(config.routes::get);
            config.routes.exception(BadRequestException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            config.routes.exception(StoreUnavailableException.class, (e, ctx) -> error(ctx, 503, e.getMessage()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                    e.getStatus() == 404 && !(e instanceof NotFound)
                            ? "nothing here: " + EventFilter.printable(ctx.path()) : e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.warn("request {} failed", EventFilter.printable(ctx.path()), e);
                error(ctx, 500, "internal error");
            });
        });
        try {
            app.start(options.host(), options.port());
            writer.scheduleWithFixedDelay(() -> {
                final long now = System.nanoTime();
                streams.forEach(stream -> stream.heartbeat(now));
            }, 1, 1, TimeUnit.SECONDS);
        } catch (final RuntimeException e) {
            writer.shutdownNow();
            throw new IllegalStateException("could not serve the dashboard on " + options.host() + ":" + options.port()
                    + " (" + rootMessage(e) + "); choose another with --port", e);
        }
    }

    /** Every route, as Javalin spells its path; each answers GET. {@code /openapi.json} describes each one. */
    Map<String, io.javalin.http.Handler> routes() {
        final Map<String, io.javalin.http.Handler> routes = new LinkedHashMap<>();
        routes.put("/", ctx -> asset(ctx, "index.html"));
        routes.put("/assets/{name}", ctx -> asset(ctx, ctx.pathParam("name")));
        routes.put("/openapi.json", ctx -> {
            noQuery(ctx);
            ctx.header("Cache-Control", "no-cache");
            ctx.contentType(openApi.contentType()).result(openApi.bytes());
        });
        routes.put("/races", this::races);
        routes.put("/races/{race}/athletes/{id}", this::athlete);
        routes.put("/races/{race}/athletes/{id}/history", this::history);
        routes.put("/races/{race}/leaderboard", this::leaderboard);
        routes.put("/events", this::events);
        routes.put("/overlay/lower-third", ctx -> overlay(ctx, "overlay-lower-third.html", Set.of("race", "athlete"),
                Set.of("race", "athlete")));
        routes.put("/overlay/leaderboard", ctx -> overlay(ctx, "overlay-leaderboard.html", Set.of("race"),
                Set.of("race", "category", "n")));
        routes.put("/health/live", ctx -> health(ctx, 200, "LIVE", List.of()));
        routes.put("/health/ready", this::ready);
        routes.put("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        return routes;
    }

    /** The paths of {@link #routes()}: what the OpenAPI document must describe. */
    public java.util.Set<String> routePaths() {
        return routes().keySet();
    }

    /**
     * Starts the dashboard for a running streams app: a feed of the output topics read with {@code clientProps}
     * (bootstrap servers and security settings; a streams configuration will do), interactive queries against
     * the tracker's stores, and the app's metrics. When {@code application.server} is set, queries for keys that another
     * instance owns are forwarded to it ({@link RoutedStateQueries}).
     */
    public static DashboardServer start(final HttpOptions options, final Properties clientProps, final TrackerService tracker) {
        final KafkaStreams streams = tracker.streams();
        final DashboardMetrics metrics = new DashboardMetrics();
        metrics.bindStreams(streams);
        final OutputFeed feed = new OutputFeed(clientProps, metrics);
        try {
            final StateQueries local = new LocalStateQueries(streams, tracker.stores(), java.time.Duration.ofSeconds(5));
            final String self = clientProps.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG, "");
            final StateQueries queries = self.isBlank() ? local
                    : new RoutedStateQueries(streams, HostInfo.buildFromEndpoint(self), local);
            return new DashboardServer(options, queries, local, feed, metrics, tracker);
        } catch (final RuntimeException e) {
            closeQuietly(feed);
            metrics.close();
            throw e;
        }
    }

    /** For tests: a server over the given parts. */
    static DashboardServer start(final HttpOptions options, final StateQueries queries, final OutputFeed feed,
                                 final DashboardMetrics metrics) {
        return new DashboardServer(options, queries, queries, feed, metrics, null);
    }

    public int port() {
        return app.port();
    }

    /** The address a person opens, e.g. {@code http://127.0.0.1:8080/}. */
    public String url(final String host) {
        final String shown = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + port() + "/";
    }

    private void onlyGet(final Context ctx) {
        securityHeaders(ctx);
        if (ctx.method() != HandlerType.GET) {
            ctx.header("Allow", "GET");
            throw new MethodNotAllowed(ctx.method().name());
        }
    }

    private static void securityHeaders(final Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    }

    private void asset(final Context ctx, final String name) {
        final Assets.Asset asset = assets.get(name).orElseThrow(() -> new io.javalin.http.NotFoundResponse());
        ctx.header("Cache-Control", name.equals("chart.umd.js") ? "public, max-age=86400" : "no-cache");
        ctx.contentType(asset.contentType()).result(asset.bytes());
    }

    /**
     * A broadcast overlay: a fixed page that reads its parameters from its own address. They are checked here first,
     * so that a mistyped address in a video mixer fails at once with a message rather than showing an empty overlay.
     */
    private void overlay(final Context ctx, final String page, final Set<String> required, final Set<String> allowed) {
        final Map<String, List<String>> query = ctx.queryParamMap();
        for (final String name : query.keySet()) {
            if (!allowed.contains(name)) {
                throw new BadRequestException("unknown parameter '" + EventFilter.printable(name) + "'; expected "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        for (final String name : required) {
            if (!query.containsKey(name)) {
                throw new BadRequestException("parameter '" + name + "' is required");
            }
        }
        for (final Map.Entry<String, List<String>> param : query.entrySet()) {
            if (param.getValue().size() != 1) {
                throw new BadRequestException("parameter '" + param.getKey() + "' given " + param.getValue().size()
                        + " times; give it once");
            }
            final String value = param.getValue().get(0);
            if (param.getKey().equals("n")) {
                if (!value.matches("[1-9][0-9]?") || Integer.parseInt(value) > MAX_OVERLAY_ROWS) {
                    throw new BadRequestException("n must be a whole number from 1 to " + MAX_OVERLAY_ROWS + ", got '"
                            + EventFilter.printable(value) + "'");
                }
            } else {
                EventFilter.checkId(param.getKey(), value);
            }
        }
        asset(ctx, page);
    }

    private void races(final Context ctx) {
        noQuery(ctx);
        json(ctx, queriesFor(ctx).races().stream().map(RaceSummary::of).sorted(RaceSummary.BY_START).toList());
    }

    private void athlete(final Context ctx) {
        noQuery(ctx);
        final String race = EventFilter.checkId("race id", ctx.pathParam("race"));
        final String id = EventFilter.checkId("athlete id", ctx.pathParam("id"));
        json(ctx, queriesFor(ctx).athlete(race, id).orElseThrow(() -> new NotFound("no athlete '" + id + "' of race '"
                + race + "' is known to the tracker")));
    }

    /** A request another instance forwarded is answered from this instance's own stores, never forwarded again. */
    private StateQueries queriesFor(final Context ctx) {
        return ctx.header(RoutedStateQueries.FORWARDED_HEADER) != null ? localQueries : queries;
    }

    private void history(final Context ctx) {
        noQuery(ctx);
        final String race = EventFilter.checkId("race id", ctx.pathParam("race"));
        final String id = EventFilter.checkId("athlete id", ctx.pathParam("id"));
        final List<String> projections = feed.history(race, id);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json; charset=utf-8").result("[" + String.join(",", projections) + "]");
    }

    private void leaderboard(final Context ctx) {
        final Map<String, List<String>> query = ctx.queryParamMap();
        for (final String name : query.keySet()) {
            if (!name.equals("category")) {
                throw new BadRequestException("unknown parameter '" + EventFilter.printable(name) + "'; expected category");
            }
        }
        final List<String> given = query.getOrDefault("category", List.of("ALL"));
        if (given.size() != 1) {
            throw new BadRequestException("parameter 'category' given " + given.size() + " times; give it once");
        }
        final String race = EventFilter.checkId("race id", ctx.pathParam("race"));
        final String category = EventFilter.checkId("category", given.get(0));
        json(ctx, queriesFor(ctx).leaderboard(race, category).orElseThrow(() -> new NotFound(
                "no leaderboard for race '" + race + "' and category '" + category + "' yet")));
    }

    private void ready(final Context ctx) {
        final List<String> reasons = readiness.reasons();
        health(ctx, reasons.isEmpty() ? 200 : 503, reasons.isEmpty() ? "READY" : "NOT_READY", reasons);
    }

    private static void health(final Context ctx, final int status, final String word, final List<String> reasons) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", word);
        if (!reasons.isEmpty()) {
            body.put("reasons", reasons);
        }
        ctx.status(status);
        json(ctx, body);
    }

    /**
     * An event stream: the request is taken out of its thread (asynchronous) and its response written in the
     * non-blocking mode by an {@link EventStream}, so that an open stream holds no thread, however slowly its client
     * reads. At most {@value #MAX_STREAMS_PER_ADDRESS} open streams per remote address (429 beyond) and
     * {@value #MAX_STREAMS} in all (503 beyond).
     */
    private void events(final Context ctx) {
        final EventFilter filter = EventFilter.parse(ctx.queryParamMap());
        // a page shown LIVE must be live: while the feed starts again, the page waits and retries
        feed.problem().ifPresent(problem -> {
            throw new HttpResponseException(503, problem + "; try again shortly");
        });
        final String lastEventId = lastEventId(ctx.header("Last-Event-ID"));
        final String address = String.valueOf(ctx.req().getRemoteAddr());
        if (!takePlace(address)) {
            throw new HttpResponseException(429, "too many open event streams from " + EventFilter.printable(address)
                    + " (" + MAX_STREAMS_PER_ADDRESS + " at most from one address); close one, or try again later");
        }
        if (!streamSlots.tryAcquire()) {
            leavePlace(address);
            throw new HttpResponseException(503, "too many open event streams (" + MAX_STREAMS + "); try again later");
        }
        final AtomicBoolean released = new AtomicBoolean();
        final Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                streamSlots.release();
                leavePlace(address);
            }
        };
        try {
            final var res = ctx.res();
            res.setStatus(200);
            res.setContentType("text/event-stream; charset=utf-8");
            res.setHeader("Cache-Control", "no-store");
            res.setHeader("X-Accel-Buffering", "no");
            // Javalin takes the request out of its thread for a future; the stream ends the request itself
            // (AsyncContext.complete, which never waits), so this future is never completed, and never cancelled
            final CompletableFuture<Void> held = new Held();
            ctx.future(() -> {
                try {
                    final AsyncContext async = ctx.req().getAsyncContext();
                    async.setTimeout(0);
                    final ServletOutputStream out = ctx.res().getOutputStream();
                    final FeedCache.Subscription subscription = feed.subscribe(filter, lastEventId);
                    final EventStream stream = new EventStream(subscription, out, writer,
                            (ended, ending) -> ended(ctx, async, ended, ending, release));
                    async.addListener(new AsyncListener() {
                        @Override
                        public void onComplete(final AsyncEvent event) {
                            stream.stop(EventStream.Ending.GONE);
                        }

                        @Override
                        public void onTimeout(final AsyncEvent event) {
                            stream.stop(EventStream.Ending.GONE);
                        }

                        @Override
                        public void onError(final AsyncEvent event) {
                            stream.stop(EventStream.Ending.GONE);
                        }

                        @Override
                        public void onStartAsync(final AsyncEvent event) {
                            // not restarted
                        }
                    });
                    streams.add(stream);
                    stream.start();
                    return held;
                } catch (final IOException e) {
                    release.run();
                    throw new UncheckedIOException(e);
                } catch (final RuntimeException e) {
                    release.run();
                    throw e;
                }
            });
        } catch (final RuntimeException e) {
            release.run();
            throw e;
        }
    }

    /** A stream ended: its subscription and places go, and its request is completed, or cut when it fell behind. */
    private void ended(final Context ctx, final AsyncContext async, final EventStream stream,
                       final EventStream.Ending ending, final Runnable release) {
        streams.remove(stream);
        feed.unsubscribe(stream.subscriber());
        release.run();
        try {
            if (ending == EventStream.Ending.DROPPED) {
                // its socket may take nothing more: cut the connection rather than wait for the pending bytes to go
                ServletContextRequest.getServletContextRequest(ctx.req()).getServletChannel()
                        .abort(new IOException("the client fell too far behind"));
            }
            async.complete();
        } catch (final RuntimeException e) {
            // already completed, or the connection is gone
            LOG.debug("ending an event stream: {}", e.toString());
        }
    }

    /** The future a stream's request waits on: left pending, its end comes from the stream. */
    private static final class Held extends CompletableFuture<Void> {
        @Override
        public boolean cancel(final boolean mayInterruptIfRunning) {
            return false;
        }
    }

    /** The id of the last event the client got, when it has the form of one; null otherwise. */
    static String lastEventId(final String header) {
        if (header == null) {
            return null;
        }
        final String id = header.trim();
        return EVENT_ID.matcher(id).matches() ? id : null;
    }

    private boolean takePlace(final String address) {
        final boolean[] taken = {false};
        streamsByAddress.compute(address, (a, open) -> {
            final int now = open == null ? 0 : open;
            if (now >= MAX_STREAMS_PER_ADDRESS) {
                return open;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    private void leavePlace(final String address) {
        streamsByAddress.computeIfPresent(address, (a, open) -> open <= 1 ? null : open - 1);
    }

    private static void noQuery(final Context ctx) {
        if (!ctx.queryParamMap().isEmpty()) {
            throw new BadRequestException("this endpoint takes no parameters; got '"
                    + EventFilter.printable(String.join(",", ctx.queryParamMap().keySet())) + "'");
        }
    }

    private static void json(final Context ctx, final Object value) {
        try {
            ctx.header("Cache-Control", "no-store");
            ctx.contentType("application/json; charset=utf-8").result(Json.mapper().writeValueAsString(value));
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void error(final Context ctx, final int status, final String message) {
        securityHeaders(ctx);
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        ctx.status(status);
        json(ctx, body);
    }

    private static String rootMessage(final Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static void closeQuietly(final AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final Exception e) {
            LOG.warn("while stopping the dashboard: {}", e.toString());
        }
    }

    @Override
    public void close() {
        closeQuietly(feed);
        app.stop();
        writer.shutdownNow();
        metrics.close();
    }

    private static final class NotFound extends HttpResponseException {
        private static final long serialVersionUID = 1L;

        NotFound(final String message) {
            super(404, message);
        }
    }

    private static final class MethodNotAllowed extends HttpResponseException {
        private static final long serialVersionUID = 1L;

        MethodNotAllowed(final String method) {
            super(405, "method " + EventFilter.printable(method) + " is not allowed; this server is read-only: use GET");
        }
    }
}
