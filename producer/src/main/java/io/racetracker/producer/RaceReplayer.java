package io.racetracker.producer;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.topic.Topic;
import io.racetracker.core.topic.Topics;
import io.racetracker.producer.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Puts a {@link Scenario} on the wire: the course, then every registration, then each mat read at its moment on a
 * replay clock running {@code speed} times real time ({@link Double#POSITIVE_INFINITY} for as fast as the broker
 * takes it). Fails with the first send error instead of losing a read.
 */
public final class RaceReplayer {
    /** Told of progress after every read sent. */
    @FunctionalInterface
    public interface Progress {
        void sent(long readsSent, long readsTotal, SplitEvent latest);
    }

    /** What was sent, by kind. */
    public record Summary(Map<String, Long> sentByKind, Duration took) {
    }

    private final Producer<String, byte[]> producer;

    public RaceReplayer(final Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    public Summary replay(final Scenario scenario, final double speed, final Progress progress) throws InterruptedException {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0, got " + speed);
        }
        final long began = System.nanoTime();
        final Map<String, Long> counts = new TreeMap<>();
        final AtomicReference<Exception> failure = new AtomicReference<>();

        final Course course = scenario.course();
        send(Topics.RACE_COURSES, course.raceId(), course, failure);
        counts.merge("courses", 1L, Long::sum);
        for (final Athlete athlete : scenario.athletes()) {
            send(Topics.RACE_ATHLETES, athlete.athleteId(), athlete, failure);
            counts.merge("athletes", 1L, Long::sum);
        }
        // registrations first, so no read arrives before its athlete is known
        producer.flush();
        rethrow(failure);

        final Instant raceStart = course.startTime() != null ? course.startTime()
                : scenario.reads().isEmpty() ? Instant.now() : scenario.reads().get(0).readAt();
        long sent = 0;
        for (final SplitEvent read : scenario.reads()) {
            waitUntil(began, Duration.between(raceStart, read.readAt()), speed);
            send(Topics.RACE_SPLITS, read.athleteId(), read, failure);
            rethrow(failure);
            counts.merge("reads", 1L, Long::sum);
            progress.sent(++sent, scenario.reads().size(), read);
        }
        producer.flush();
        rethrow(failure);
        return new Summary(counts, Duration.ofNanos(System.nanoTime() - began));
    }

    private <V> void send(final Topic<V> topic, final String key, final V value, final AtomicReference<Exception> failure) {
        final byte[] bytes = topic.valueSerde().serialize(topic.name(), value);
        producer.send(new ProducerRecord<>(topic.name(), key, bytes), (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
    }

    private static void waitUntil(final long beganNanos, final Duration raceTime, final double speed)
            throws InterruptedException {
        if (Double.isInfinite(speed)) {
            return;
        }
        final long dueNanos = beganNanos + (long) (raceTime.toNanos() / speed);
        final long waitMs = (dueNanos - System.nanoTime()) / 1_000_000;
        if (waitMs > 0) {
            Thread.sleep(waitMs);
        }
    }

    private static void rethrow(final AtomicReference<Exception> failure) {
        final Exception error = failure.get();
        if (error != null) {
            throw new IllegalStateException("a record could not be sent: " + error.getMessage(), error);
        }
    }
}
