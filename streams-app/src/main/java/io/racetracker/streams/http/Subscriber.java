package io.racetracker.streams.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One connected dashboard client: its filter and a bounded queue between the feed's consumer thread and the
 * thread writing to the client. The consumer never waits: when the queue is full the subscriber is marked
 * overflowed and dropped; the client reconnects and starts again from a snapshot.
 */
public final class Subscriber {
    private final EventFilter filter;
    private final BlockingQueue<FeedEvent> queue;
    private volatile boolean overflowed;
    private volatile boolean closed;

    Subscriber(final EventFilter filter, final int capacity) {
        this.filter = filter;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
    }

    EventFilter filter() {
        return filter;
    }

    /** Called by the feed; never blocks. */
    void offer(final FeedEvent event) {
        if (!overflowed && filter.accepts(event) && !queue.offer(event)) {
            overflowed = true;
            queue.clear();
        }
    }

    /** The next event, or null after {@code timeoutMs} without one. */
    public FeedEvent next(final long timeoutMs) throws InterruptedException {
        return queue.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** True once the client fell so far behind that events were lost: it must be disconnected. */
    public boolean overflowed() {
        return overflowed;
    }

    public boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
    }
}
