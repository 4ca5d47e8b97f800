package io.racetracker.cli.bench;

import io.racetracker.cli.Progress;
import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Course;
import io.racetracker.core.topic.Topics;
import io.racetracker.producer.FailFastSender;
import io.racetracker.producer.scenario.Scenario;
import io.racetracker.producer.wire.FaultInjector;
import io.racetracker.producer.wire.Outgoing;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;

/**
 * Puts a race on the input topics for the benchmark: the course and every registration, then the mat reads in race
 * order through the scenario's timing-mat faults (duplicates, late reads, malformed records), either as fast as the
 * broker takes them or at a fixed rate. Each record's timestamp is the moment it was handed to the producer.
 */
final class RaceLoader {
    /** What went onto {@code race-splits}. */
    record Loaded(long records, long duplicates, long late, long malformed, double seconds) {
        double recordsPerSecond() {
            return records / Math.max(seconds, 1e-3);
        }
    }

    private final Producer<String, byte[]> producer;
    private final Scenario race;

    RaceLoader(final Producer<String, byte[]> producer, final Scenario race) {
        this.producer = producer;
        this.race = race;
    }

    /** The course and every athlete, flushed, so that no read arrives before its registration. */
    void register() {
        final FailFastSender sender = new FailFastSender(producer);
        final Course course = race.course();
        sender.send(Topics.RACE_COURSES, course.raceId(), course);
        for (final Athlete athlete : race.athletes()) {
            sender.send(Topics.RACE_ATHLETES, athlete.key(), athlete);
        }
        sender.flush();
    }

    /**
     * Sends reads to {@code race-splits}.
     *
     * @param ratePerSecond records per second, or {@link Double#POSITIVE_INFINITY} for as fast as possible
     * @param limit         at most this many records ({@link Long#MAX_VALUE} for the whole race)
     * @param label         the progress's name, or null for none
     */
    Loaded reads(final double ratePerSecond, final long limit, final String label) throws InterruptedException {
        final FailFastSender sender = new FailFastSender(producer);
        final FaultInjector wire = new FaultInjector(race.iterator(), race.course(), race.defaultFaults());
        final long began = System.nanoTime();
        long sent = 0;
        long duplicates = 0;
        long late = 0;
        long malformed = 0;
        try (Progress progress = Progress.start(label == null ? "reads" : label, Math.min(limit, race.readCount()),
                "records", label == null)) {
            while (wire.hasNext() && sent < limit) {
                final Outgoing out = wire.next();
                if (!Double.isInfinite(ratePerSecond)) {
                    final long due = began + (long) (sent * 1e9 / ratePerSecond);
                    final long waitNanos = due - System.nanoTime();
                    if (waitNanos > 0) {
                        TimeUnit.NANOSECONDS.sleep(waitNanos);
                    }
                }
                final byte[] bytes = out.raw() != null ? out.raw()
                        : Topics.RACE_SPLITS.valueSerde().serialize(Topics.RACE_SPLITS.name(), out.read());
                sender.send(Topics.RACE_SPLITS.name(), out.key(), bytes);
                switch (out.kind()) {
                    case DUPLICATE -> duplicates++;
                    case LATE -> late++;
                    case MALFORMED -> malformed++;
                    default -> { }
                }
                sent++;
                progress.stepTo(sent);
                if ((sent & 1023) == 0) {
                    sender.check();
                }
            }
            sender.flush();
        }
        return new Loaded(sent, duplicates, late, malformed, (System.nanoTime() - began) / 1e9);
    }



}
