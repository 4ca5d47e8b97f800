package io.racetracker.producer;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Course;
import io.racetracker.core.topic.Topics;
import io.racetracker.producer.scenario.Scenario;
import io.racetracker.producer.wire.FaultInjector;
import io.racetracker.producer.wire.Outgoing;
import io.racetracker.producer.wire.WireFaults;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;

/**
 * Puts a {@link Scenario} on the wire: the course, then every registration, then each mat read at its moment on a
 * replay clock running {@code speed} times real time ({@link Double#POSITIVE_INFINITY} for as fast as the broker
 * takes it), through the timing-mat faults asked for. Fails with the first send error instead of losing a read.
 */
public final class RaceReplayer {
    /** Told of progress after every record sent to {@code race-splits}. */
    @FunctionalInterface
    public interface Progress {
        void sent(long recordsSent, Outgoing latest);
    }

    /**
     * What was sent, by kind: {@code courses}, {@code athletes}, {@code reads} (every read sent once, on time or
     * late), {@code late} (of those, delivered late), {@code duplicates}, {@code malformed}, and {@code missed}
     * (reads the mats missed: not sent).
     */
    public record Summary(Map<String, Long> sentByKind, Duration took) {
        public long count(final String kind) {
            return sentByKind.getOrDefault(kind, 0L);
        }

        /** Records put on the wire, every topic. */
        public long recordsSent() {
            return count("courses") + count("athletes") + count("reads") + count("duplicates") + count("malformed");
        }

        public String describe() {
            final double seconds = Math.max(took.toMillis(), 1) / 1000.0;
            return String.format(Locale.ROOT, "%,d records in %.1f s (%,.0f records/s): %,d course, %,d athletes,"
                            + " %,d reads (%,d of them late), %,d duplicates, %,d malformed; %,d reads missed by the mats"
                            + " (not sent)", recordsSent(), seconds, recordsSent() / seconds, count("courses"),
                    count("athletes"), count("reads"), count("late"), count("duplicates"), count("malformed"),
                    count("missed"));
        }
    }

    private final Producer<String, byte[]> producer;

    public RaceReplayer(final Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** Replays with the scenario's own default faults (none for the historical races). */
    public Summary replay(final Scenario scenario, final double speed, final Progress progress) throws InterruptedException {
        return replay(scenario, scenario.defaultFaults(), speed, progress);
    }

    public Summary replay(final Scenario scenario, final WireFaults faults, final double speed, final Progress progress)
            throws InterruptedException {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0, got " + speed);
        }
        final long began = System.nanoTime();
        final Map<String, Long> counts = new LinkedHashMap<>();
        for (final String kind : new String[] {"courses", "athletes", "reads", "late", "duplicates", "malformed", "missed"}) {
            counts.put(kind, 0L);
        }
        final FailFastSender sender = new FailFastSender(producer);

        final Course course = scenario.course();
        sender.send(Topics.RACE_COURSES, course.raceId(), course);
        counts.merge("courses", 1L, Long::sum);
        for (final Athlete athlete : scenario.athletes()) {
            sender.send(Topics.RACE_ATHLETES, athlete.key(), athlete);
            counts.merge("athletes", 1L, Long::sum);
        }
        // registrations first, so no read arrives before its athlete is known
        sender.flush();

        final FaultInjector wire = new FaultInjector(scenario.iterator(), course, faults);
        Instant raceStart = course.startTime();
        final long replayBegan = System.nanoTime();
        long sent = 0;
        while (wire.hasNext()) {
            final Outgoing out = wire.next();
            if (raceStart == null) {
                raceStart = out.sendAt();
            }
            waitUntil(replayBegan, Duration.between(raceStart, out.sendAt()), speed);
            final byte[] bytes = out.raw() != null ? out.raw()
                    : Topics.RACE_SPLITS.valueSerde().serialize(Topics.RACE_SPLITS.name(), out.read());
            sender.send(Topics.RACE_SPLITS.name(), out.key(), bytes);
            sender.check();
            switch (out.kind()) {
                case READ -> counts.merge("reads", 1L, Long::sum);
                case LATE -> {
                    counts.merge("reads", 1L, Long::sum);
                    counts.merge("late", 1L, Long::sum);
                }
                case DUPLICATE -> counts.merge("duplicates", 1L, Long::sum);
                case MALFORMED -> counts.merge("malformed", 1L, Long::sum);
                default -> throw new IllegalStateException("unknown kind " + out.kind());
            }
            progress.sent(++sent, out);
        }
        sender.flush();
        counts.put("missed", wire.missed());
        return new Summary(counts, Duration.ofNanos(System.nanoTime() - began));
    }



    private static void waitUntil(final long beganNanos, final Duration raceTime, final double speed)
            throws InterruptedException {
        if (Double.isInfinite(speed) || raceTime.isNegative()) {
            return;
        }
        final long dueNanos = beganNanos + (long) (raceTime.toNanos() / speed);
        final long waitMs = (dueNanos - System.nanoTime()) / 1_000_000;
        if (waitMs > 0) {
            Thread.sleep(waitMs);
        }
    }

}
