package io.racetracker.streams.http;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The feed's latest live events in the order it passed them to its subscribers, so that a client that lost its
 * connection can go on from the last event it got ({@code Last-Event-ID}) with nothing missed and nothing twice.
 * Bounded: the oldest events fall out, and a client whose last event fell out starts again from a snapshot.
 * Not thread-safe: the feed uses it under its lock.
 */
final class ResumeBuffer {
    private final int capacity;
    private final Deque<FeedEvent> events = new ArrayDeque<>();
    /** Each held event's sequence number: its place in the order of the feed. */
    private final Map<String, Long> sequence = new HashMap<>();
    private long next;

    ResumeBuffer(final int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    /** Forgets every event: the feed reads the topics again from the start, and resuming starts from a snapshot. */
    void clear() {
        events.clear();
        sequence.clear();
    }

    void add(final FeedEvent event) {
        if (sequence.containsKey(event.id())) {
            return;
        }
        events.addLast(event);
        sequence.put(event.id(), next++);
        if (events.size() > capacity) {
            sequence.remove(events.removeFirst().id());
        }
    }

    /**
     * The events after the one with this id that the filter accepts, in the feed's order; empty when no event with
     * this id is held (never passed on live, or fallen out).
     */
    Optional<List<FeedEvent>> after(final String id, final EventFilter filter) {
        final Long at = id == null ? null : sequence.get(id);
        if (at == null) {
            return Optional.empty();
        }
        final long first = next - events.size();
        final List<FeedEvent> after = new ArrayList<>();
        final Iterator<FeedEvent> it = events.iterator();
        for (long seq = first; it.hasNext(); seq++) {
            final FeedEvent event = it.next();
            if (seq > at && filter.accepts(event)) {
                after.add(event);
            }
        }
        return Optional.of(after);
    }

    /** The id of the latest event held, null when none is: the feed's position to resume from. */
    String latestId() {
        final FeedEvent last = events.peekLast();
        return last == null ? null : last.id();
    }

    int size() {
        return events.size();
    }
}
