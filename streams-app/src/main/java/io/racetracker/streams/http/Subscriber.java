package io.racetracker.streams.http;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One connected dashboard client: its filter and a bounded queue between the feed's consumer thread and whatever
 * writes to the client. The consumer never waits: when the queue is full the subscriber is marked overflowed and
 * dropped; the client reconnects and starts again from a snapshot. A writer that does not want to hold a thread
 * waiting on {@link #next} registers a {@link #listen listener}, run whenever there is something new to take.
 */
public final class Subscriber {
    private final EventFilter filter;
    private final BlockingQueue<FeedEvent> queue;
    private volatile boolean overflowed;
    private volatile boolean closed;
    private volatile Runnable listener;

    Subscriber(final EventFilter filter, final int capacity) {
        this.filter = filter;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
    }

    EventFilter filter() {
        return filter;
    }

    /** Called by the feed; never blocks (the listener must not either). */
    void offer(final FeedEvent event) {
        if (overflowed || !filter.accepts(event)) {
            return;
        }
        if (!queue.offer(event)) {
            overflowed = true;
            queue.clear();
        }
        notifyListener();
    }

    /**
     * Runs {@code onChange} (on the feed's thread, so it must be quick and never block) whenever an event is queued,
     * the queue overflows or the subscriber is closed; and once now, for whatever is queued already.
     */
    void listen(final Runnable onChange) {
        listener = onChange;
        onChange.run();
    }

    private void notifyListener() {
        final Runnable l = listener;
        if (l != null) {
            l.run();
        }
    }

    /** The next event, or null after {@code timeoutMs} without one. */
    public FeedEvent next(final long timeoutMs) throws InterruptedException {
        return queue.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** The next event, or null when none is queued; never waits. */
    public FeedEvent poll() {
        return queue.poll();
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
        notifyListener();
    }
}
