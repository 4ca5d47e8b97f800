package io.racetracker.streams.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes one subscriber's events to its client in the server-sent-events format, without a thread of its own and
 * without ever waiting on the client's socket: first the snapshot (or the events it resumes with), then
 * {@code event: ready}, then live events, with a comment line as a heartbeat when idle.
 *
 * <p>The response is in the Servlet API's non-blocking mode ({@link WriteListener}): events are written only while
 * {@link ServletOutputStream#isReady()} says the socket takes more, on a shared writer thread when the feed queues
 * something ({@link Subscriber#listen}) or on a server thread when the socket can take more again
 * ({@link #onWritePossible}). A client that does not read therefore holds no thread; its queue fills, and when it
 * overflows the connection is cut ({@link Ending#DROPPED}).
 */
final class EventStream implements WriteListener {
    static final long HEARTBEAT_MS = 10_000;
    /** How long a browser waits before reconnecting after the stream ends. */
    static final long RETRY_MS = 2_000;
    private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);

    /** Why a stream ended. */
    enum Ending {
        /** The client went away or a write failed. */
        GONE,
        /** The client fell so far behind that its queue overflowed: the connection is cut. */
        DROPPED,
        /** The server is stopping. */
        CLOSED
    }

    /** What the stream does with its connection when it ends. */
    interface Ends {
        void ended(EventStream stream, Ending ending);
    }

    private final FeedCache.Subscription subscription;
    private final Subscriber subscriber;
    private final ServletOutputStream out;
    private final Executor writer;
    private final Ends ends;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Object lock = new Object();
    /** Control frames to write before the next event: the retry line, then {@code ready} when it is due. */
    private final Deque<byte[]> frames = new ArrayDeque<>();
    private int sent;
    private boolean unflushed;
    private boolean ended;
    private volatile long lastWriteNanos = System.nanoTime();
    private volatile boolean heartbeatDue;

    EventStream(final FeedCache.Subscription subscription, final ServletOutputStream out, final Executor writer,
                final Ends ends) {
        this.subscription = subscription;
        this.subscriber = subscription.subscriber();
        this.out = out;
        this.writer = writer;
        this.ends = ends;
        frames.add(("retry: " + RETRY_MS + "\n\n").getBytes(StandardCharsets.UTF_8));
        if (subscription.firstSize() == 0) {
            frames.add(ready(subscription));
        }
    }

    /** Starts writing: the server calls {@link #onWritePossible} once the response can take the first bytes. */
    void start() {
        out.setWriteListener(this);
        subscriber.listen(this::wake);
    }

    /** Something changed for this stream: drain it on the writer thread, unless a drain is already on its way. */
    void wake() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                writer.execute(() -> {
                    scheduled.set(false);
                    drain();
                });
            } catch (final java.util.concurrent.RejectedExecutionException e) {
                // the server is stopping
                scheduled.set(false);
            }
        }
    }

    /** Called now and then: queues a heartbeat when nothing was written for {@link #HEARTBEAT_MS}. */
    void heartbeat(final long nowNanos) {
        if ((nowNanos - lastWriteNanos) / 1_000_000 >= HEARTBEAT_MS) {
            heartbeatDue = true;
            wake();
        }
    }

    @Override
    public void onWritePossible() {
        drain();
    }

    @Override
    public void onError(final Throwable failure) {
        end(Ending.GONE);
    }

    /** Writes while the socket takes more and there is something to write; never waits. */
    private void drain() {
        final Ending ending;
        synchronized (lock) {
            ending = ended ? null : write();
        }
        if (ending != null) {
            end(ending);
        }
    }

    /** Under the lock: writes what can be written; how the stream must end, or null while it goes on. */
    private Ending write() {
        if (subscriber.overflowed()) {
            return Ending.DROPPED;
        }
        if (subscriber.closed()) {
            return Ending.CLOSED;
        }
        try {
            while (out.isReady()) {
                final byte[] next = next();
                if (next == null) {
                    if (!unflushed) {
                        return null;
                    }
                    unflushed = false;
                    out.flush();
                } else {
                    out.write(next);
                    unflushed = true;
                    lastWriteNanos = System.nanoTime();
                }
            }
            return null;
        } catch (final IOException | IllegalStateException e) {
            return Ending.GONE;
        }
    }

    private byte[] next() {
        final byte[] frame = frames.poll();
        if (frame != null) {
            return frame;
        }
        final FeedEvent event = subscriber.poll();
        if (event != null) {
            sent++;
            // snapshot events carry no id: a client cut off half way through its snapshot must not resume from one
            final boolean snapshot = !subscription.resumed() && sent <= subscription.firstSize();
            if (sent == subscription.firstSize()) {
                frames.add(ready(subscription));
            }
            return (snapshot ? formatWithoutId(event) : format(event)).getBytes(StandardCharsets.UTF_8);
        }
        if (heartbeatDue) {
            heartbeatDue = false;
            return HEARTBEAT;
        }
        return null;
    }

    /** Ends the stream, from the server's side (the request completed or failed); nothing happens if it has ended. */
    void stop(final Ending ending) {
        end(ending);
    }

    /** Ends the stream once, outside the lock: the server's side of ending may call back into the stream. */
    private void end(final Ending ending) {
        synchronized (lock) {
            if (ended) {
                return;
            }
            ended = true;
        }
        ends.ended(this, ending);
    }

    Subscriber subscriber() {
        return subscriber;
    }

    /** A live event: {@code id:} (its {@code topic:partition:offset}), {@code event:} (its kind) and the JSON. */
    static String format(final FeedEvent event) {
        return "id: " + event.id() + "\n" + formatWithoutId(event);
    }

    static String formatWithoutId(final FeedEvent event) {
        // record values are single-line JSON, so one data line carries each
        return "event: " + event.kind().wireName() + "\ndata: "
                + event.json().replace("\r", "").replace("\n", "\ndata: ") + "\n\n";
    }

    /** {@code ready}, with the feed's position as its id: the place to resume from before any live event came. */
    static byte[] ready(final FeedCache.Subscription subscription) {
        final String data = subscription.resumed() ? "{\"resumed\":" + subscription.firstSize() + "}"
                : "{\"snapshot\":" + subscription.firstSize() + "}";
        final String id = subscription.position() == null ? "" : "id: " + subscription.position() + "\n";
        return (id + "event: ready\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
