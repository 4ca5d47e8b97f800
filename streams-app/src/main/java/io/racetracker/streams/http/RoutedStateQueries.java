package io.racetracker.streams.http;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.Leaderboard;
import io.racetracker.core.json.Json;
import io.racetracker.core.topic.Keys;
import io.racetracker.streams.TrackerStores;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Interactive queries across instances: the instance that owns a key is found in the streams metadata
 * ({@code queryMetadataForKey}, from every instance's {@code application.server}); this instance answers its own
 * keys from its stores and forwards the others to the owner's HTTP server, marked with {@value #FORWARDED_HEADER} so
 * that the owner answers from its own stores and a request is never forwarded twice.
 */
public final class RoutedStateQueries implements StateQueries {
    /** Marks a request forwarded by another instance: answer it locally. */
    public static final String FORWARDED_HEADER = "X-Race-Tracker-Forwarded";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final KafkaStreams streams;
    private final HostInfo self;
    private final StateQueries local;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public RoutedStateQueries(final KafkaStreams streams, final HostInfo self, final StateQueries local) {
        this.streams = streams;
        this.self = self;
        this.local = local;
    }

    @Override
    public Optional<AthleteProjection> athlete(final String raceId, final String athleteId) {
        return route(TrackerStores.ATHLETE_OWNER_STORE, Keys.athlete(raceId, athleteId), () -> local.athlete(raceId, athleteId),
                "/races/" + encode(raceId) + "/athletes/" + encode(athleteId), AthleteProjection.class);
    }

    @Override
    public Optional<Leaderboard> leaderboard(final String raceId, final String category) {
        return route(TrackerStores.RACE_OWNER_STORE, raceId,
                () -> local.leaderboard(raceId, category),
                "/races/" + encode(raceId) + "/leaderboard?category=" + encode(category), Leaderboard.class);
    }

    /** The courses are a global table: every instance holds them all. */
    @Override
    public List<Course> races() {
        return local.races();
    }

    private <V> Optional<V> route(final String store, final String key, final Supplier<Optional<V>> here,
                                  final String path, final Class<V> type) {
        final KeyQueryMetadata owner = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner) || self.equals(owner.activeHost())) {
            return here.get();
        }
        final HostInfo host = owner.activeHost();
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + path))
                .header(FORWARDED_HEADER, "true").timeout(TIMEOUT).GET().build();
        try {
            final HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new LocalStateQueries.StoreUnavailableException(store + " on " + host, null,
                        new IOException("the owning instance answered " + response.statusCode()));
            }
            return Optional.of(Json.mapper().readValue(response.body(), type));
        } catch (final IOException e) {
            throw new LocalStateQueries.StoreUnavailableException(store + " on " + host, null, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStateQueries.StoreUnavailableException(store + " on " + host, null, e);
        }
    }

    private static String encode(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
