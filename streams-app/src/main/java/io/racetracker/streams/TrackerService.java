package io.racetracker.streams;

import io.racetracker.core.model.FinishTimeModel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LockException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the tracker topology: start, wait until running, close. Wiring and lifecycle only; the logic is in the topology.
 *
 * <p>A client that stops on its own (ERROR, or shut down by anything but {@link #close()}) is a process that looks
 * alive but processes nothing: {@link #failure()} completes with what happened, so that the command can exit non-zero
 * and its service manager restart it.
 */
public final class TrackerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrackerService.class);
    /** A thread that dies more often than this in {@link #CRASH_WINDOW} is not replaced again: the client stops. */
    private static final int MAX_CRASHES = 5;
    private static final Duration CRASH_WINDOW = Duration.ofMinutes(1);

    private final Properties config;
    private final KafkaStreams streams;
    private final TrackerStores stores;
    private final CountDownLatch running = new CountDownLatch(1);
    private final CompletableFuture<String> failure = new CompletableFuture<>();
    private final Deque<Long> crashes = new ArrayDeque<>();
    private volatile Throwable lastError;
    private volatile boolean closing;

    public TrackerService(final Properties config, final FinishTimeModel model) {
        this.config = config;
        this.streams = create(config, model);
        this.stores = new TrackerStores(streams, model, TrackerOptions.from(config).nowcast());
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
            if (stoppedOnItsOwn(now)) {
                final String what = "streams client is " + now + (lastError == null ? "" : " after: " + lastError);
                if (failure.complete(what)) {
                    LOG.error("the streams app stopped processing ({}); it will not recover by itself", what);
                }
            }
        });
        streams.setUncaughtExceptionHandler(this::onUncaught);
    }

    private boolean stoppedOnItsOwn(final KafkaStreams.State state) {
        return switch (state) {
            case PENDING_ERROR, ERROR -> true;
            case PENDING_SHUTDOWN, NOT_RUNNING -> !closing;
            default -> false;
        };
    }

    /** Kafka Streams blames nobody when another process holds the state directory: say who and what to do. */
    private static KafkaStreams create(final Properties config, final FinishTimeModel model) {
        try {
            return new KafkaStreams(TrackerTopology.build(model, config), config);
        } catch (final StreamsException e) {
            if (isStateDirectoryLock(e)) {
                throw stateDirectoryLocked(config, e);
            }
            throw e;
        }
    }

    static boolean isStateDirectoryLock(final Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            final String message = String.valueOf(t.getMessage());
            if (t instanceof LockException || message.contains("same state directory")
                    || message.contains("lock the global state directory")) {
                return true;
            }
        }
        return false;
    }

    private static IllegalStateException stateDirectoryLocked(final Properties config, final Throwable cause) {
        return new IllegalStateException("the state directory " + config.getProperty(StreamsConfig.STATE_DIR_CONFIG)
                + " is locked by another instance of " + config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)
                + " on this machine; each instance needs its own -X state.dir=...", cause);
    }

    private synchronized StreamThreadExceptionResponse onUncaught(final Throwable error) {
        lastError = error;
        final long now = System.nanoTime();
        crashes.addLast(now);
        while (!crashes.isEmpty() && now - crashes.peekFirst() > CRASH_WINDOW.toNanos()) {
            crashes.removeFirst();
        }
        if (crashes.size() > MAX_CRASHES) {
            LOG.error("stream threads keep failing ({} times in {}); stopping", crashes.size(), CRASH_WINDOW, error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        LOG.warn("a stream thread failed; replacing it", error);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /**
     * Starts the app and waits until it is running.
     *
     * @throws IllegalStateException when it stops before it runs, or does not run within {@code timeout}
     */
    public TrackerService start(final Duration timeout) throws InterruptedException {
        streams.start();
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!running.await(100, TimeUnit.MILLISECONDS)) {
            if (failure.isDone()) {
                if (isStateDirectoryLock(lastError)) {
                    throw stateDirectoryLocked(config, lastError);
                }
                throw new IllegalStateException("the streams app stopped while starting: " + failure.getNow(""));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the streams app did not reach RUNNING within " + timeout
                        + " (state " + streams.state() + "); is Kafka reachable?");
            }
        }
        return this;
    }

    /** Completes, with what happened, when the client stops processing without {@link #close()} being called. */
    public CompletableFuture<String> failure() {
        return failure;
    }

    /** Waits until the client stops on its own and says why, or returns empty after {@code timeout}. */
    public Optional<String> awaitFailure(final Duration timeout) throws InterruptedException {
        try {
            return Optional.of(failure.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (final TimeoutException e) {
            return Optional.empty();
        } catch (final ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** This instance's state, for interactive queries. */
    public TrackerStores stores() {
        return stores;
    }

    @Override
    public void close() {
        closing = true;
        streams.close(Duration.ofSeconds(30));
    }
}
