package io.racetracker.producer.scenario;

import io.racetracker.core.event.SplitEvent;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/** Several read sequences, each in {@code readAt} order, merged into one; ties go to the earlier source. */
final class MergedReads implements Iterator<SplitEvent> {
    private record Head(SplitEvent read, int source) {
    }

    private final List<Iterator<SplitEvent>> sources;
    private final PriorityQueue<Head> heads = new PriorityQueue<>(
            Comparator.comparing((Head h) -> h.read().readAt()).thenComparingInt(Head::source));

    MergedReads(final List<Iterator<SplitEvent>> sources) {
        this.sources = sources;
        for (int i = 0; i < sources.size(); i++) {
            advance(i);
        }
    }

    private void advance(final int source) {
        if (sources.get(source).hasNext()) {
            heads.add(new Head(sources.get(source).next(), source));
        }
    }

    @Override
    public boolean hasNext() {
        return !heads.isEmpty();
    }

    @Override
    public SplitEvent next() {
        final Head head = heads.poll();
        if (head == null) {
            throw new NoSuchElementException();
        }
        advance(head.source());
        return head.read();
    }
}
