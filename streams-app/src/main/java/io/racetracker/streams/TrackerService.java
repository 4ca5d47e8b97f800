package io.racetracker.streams;

import io.racetracker.core.model.FinishTimeModel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the tracker topology: start, wait until running, close. Wiring and lifecycle only; the logic is in the topology. */
public final class TrackerService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrackerService.class);
    /** A thread that dies more often than this in {@link #CRASH_WINDOW} is not replaced again: the client stops. */
    private static final int MAX_CRASHES = 5;
    private static final Duration CRASH_WINDOW = Duration.ofMinutes(1);

    private final KafkaStreams streams;
    private final TrackerStores stores;
    private final CountDownLatch running = new CountDownLatch(1);
    private final Deque<Long> crashes = new ArrayDeque<>();

    public TrackerService(final Properties config, final FinishTimeModel model) {
        this.streams = new KafkaStreams(TrackerTopology.build(model, config), config);
        this.stores = new TrackerStores(streams, model);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(this::onUncaught);
    }

    private synchronized StreamThreadExceptionResponse onUncaught(final Throwable error) {
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

    /** Starts the app and waits until it is running. */
    public TrackerService start(final Duration timeout) throws InterruptedException {
        streams.start();
        if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the streams app did not reach RUNNING within " + timeout
                    + " (state " + streams.state() + "); is Kafka reachable?");
        }
        return this;
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
        streams.close(Duration.ofSeconds(30));
    }
}
