package io.racetracker.producer.wire;

import io.racetracker.core.event.Course;
import io.racetracker.core.event.SplitEvent;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Turns perfect mat reads, in {@code readAt} order, into what a real timing system delivers, in delivery order:
 * some reads missing, some doubled, some late, each mat's clock slightly off, and (for tests) some garbage.
 *
 * <p>Lazy: it holds only the reads whose delivery is still pending, so it works on a field of any size.
 */
public final class FaultInjector implements Iterator<Outgoing> {
    private record Pending(Outgoing out, long sequence) {
    }

    private final Iterator<SplitEvent> source;
    private final WireFaults faults;
    private final String finishCrossing;
    private final SplittableRandom random;
    private final Malformed malformed;
    private final Map<String, Long> clockOffsets = new HashMap<>();
    private final PriorityQueue<Pending> pending = new PriorityQueue<>(
            Comparator.comparing((Pending p) -> p.out().sendAt()).thenComparingLong(Pending::sequence));
    private SplitEvent lookahead;
    private long sequence;
    private long missed;

    public FaultInjector(final Iterator<SplitEvent> source, final Course course, final WireFaults faults) {
        this.source = source;
        this.faults = faults;
        this.finishCrossing = course.finish().crossingId();
        this.random = new SplittableRandom(faults.seed());
        this.malformed = new Malformed(new SplittableRandom(faults.seed() ^ 0x5DEECE66DL));
        this.lookahead = source.hasNext() ? source.next() : null;
    }

    /** Reads dropped so far because the mat missed them. */
    public long missed() {
        return missed;
    }

    @Override
    public boolean hasNext() {
        fill();
        return !pending.isEmpty();
    }

    @Override
    public Outgoing next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return pending.poll().out();
    }

    /** Takes source reads until nothing still to come can be delivered before the earliest pending record. */
    private void fill() {
        while (lookahead != null && (pending.isEmpty() || !lookahead.readAt()
                .minusMillis(faults.clockOffsetMaxMs()).isAfter(pending.peek().out().sendAt()))) {
            final SplitEvent read = lookahead;
            lookahead = source.hasNext() ? source.next() : null;
            inject(read);
        }
    }

    private void inject(final SplitEvent perfect) {
        if (faults.missedRate() > 0 && !perfect.crossingId().equals(finishCrossing)
                && random.nextDouble() < faults.missedRate()) {
            missed++;
            return;
        }
        final SplitEvent read = offsetClock(perfect);
        Instant sendAt = read.readAt();
        Outgoing.Kind kind = Outgoing.Kind.READ;
        if (faults.lateRate() > 0 && random.nextDouble() < faults.lateRate()) {
            sendAt = sendAt.plusMillis(1 + random.nextLong(faults.maxLateMs()));
            kind = Outgoing.Kind.LATE;
        }
        add(new Outgoing(kind, read.key(), read, null, sendAt));
        if (faults.duplicateRate() > 0 && random.nextDouble() < faults.duplicateRate()) {
            final int copies = random.nextDouble() < 0.7 ? 1 : 2;
            long laterMs = 0;
            for (int i = 0; i < copies; i++) {
                laterMs += 50 + random.nextLong(400);
                final SplitEvent copy = new SplitEvent(read.raceId(), read.athleteId(), read.bib(),
                        read.timingPointId(), read.distanceM(), read.lap(), read.elapsedMs() + laterMs,
                        read.readAt().plusMillis(laterMs));
                add(new Outgoing(Outgoing.Kind.DUPLICATE, read.key(), copy, null, sendAt.plusMillis(laterMs)));
            }
        }
        if (faults.malformedRate() > 0 && random.nextDouble() < faults.malformedRate()) {
            final Malformed.Broken broken = malformed.of(read);
            add(new Outgoing(Outgoing.Kind.MALFORMED, broken.key(), null, broken.bytes(), read.readAt()));
        }
    }

    private SplitEvent offsetClock(final SplitEvent read) {
        if (faults.clockOffsetMaxMs() == 0) {
            return read;
        }
        final long offset = clockOffsets.computeIfAbsent(read.timingPointId(), mat -> {
            final SplittableRandom matRandom = new SplittableRandom(faults.seed() * 31 + mat.hashCode());
            return matRandom.nextLong(-faults.clockOffsetMaxMs(), faults.clockOffsetMaxMs() + 1);
        });
        final long elapsed = Math.max(1, read.elapsedMs() + offset);
        return new SplitEvent(read.raceId(), read.athleteId(), read.bib(), read.timingPointId(), read.distanceM(),
                read.lap(), elapsed, read.readAt().plusMillis(elapsed - read.elapsedMs()));
    }

    private void add(final Outgoing out) {
        pending.add(new Pending(out, sequence++));
    }
}
