package io.racetracker.streams.http;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.Leaderboard;
import io.racetracker.streams.StateNames;
import io.racetracker.streams.TrackerStores;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Interactive queries against this instance's stores, through {@link TrackerStores}.
 *
 * <p>While the app starts or rebalances a store may be unavailable ({@link InvalidStateStoreException}); a lookup
 * then retries with a doubling back-off up to a fixed deadline and fails with {@link StoreUnavailableException},
 * which the server turns into a 503.
 */
public final class LocalStateQueries implements StateQueries {
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(20);
    private static final Duration MAX_BACKOFF = Duration.ofMillis(500);

    private final KafkaStreams streams;
    private final TrackerStores stores;
    private final Duration deadline;
    private final LongConsumer pause;

    public LocalStateQueries(final KafkaStreams streams, final TrackerStores stores, final Duration deadline) {
        this(streams, stores, deadline, LocalStateQueries::pauseMillis);
    }

    LocalStateQueries(final KafkaStreams streams, final TrackerStores stores, final Duration deadline,
                      final LongConsumer pause) {
        this.streams = streams;
        this.stores = stores;
        this.deadline = deadline;
        this.pause = pause;
    }

    @Override
    public Optional<AthleteProjection> athlete(final String raceId, final String athleteId) {
        return lookup(StateNames.ATHLETE_SPLITS_STORE, () -> stores.athleteState(raceId, athleteId));
    }

    @Override
    public Optional<Leaderboard> leaderboard(final String raceId, final String category) {
        return lookup(StateNames.LEADERBOARDS_STORE, () -> stores.leaderboard(raceId, category));
    }

    @Override
    public List<Course> races() {
        return lookup(StateNames.COURSES_STORE, () -> Optional.of(stores.courses())).orElseThrow();
    }

    private <V> Optional<V> lookup(final String storeName, final Supplier<Optional<V>> query) {
        final long giveUpAt = System.nanoTime() + deadline.toNanos();
        long backoffMs = FIRST_BACKOFF.toMillis();
        while (true) {
            try {
                return query.get();
            } catch (final InvalidStateStoreException e) {
                final long leftMs = (giveUpAt - System.nanoTime()) / 1_000_000;
                if (leftMs <= 0) {
                    throw new StoreUnavailableException(storeName, streams.state(), e);
                }
                pause.accept(Math.min(backoffMs, leftMs));
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
            }
        }
    }

    private static void pauseMillis(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted", null, e);
        }
    }

    /** A store stayed unavailable past the deadline (the app is starting, rebalancing or stopped). */
    public static final class StoreUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoreUnavailableException(final String store, final KafkaStreams.State state, final Throwable cause) {
            super("store " + store + " is not available yet" + (state == null ? "" : " (streams app " + state + ")")
                    + "; try again shortly", cause);
        }
    }
}
