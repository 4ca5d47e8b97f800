package io.racetracker.streams.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes one subscriber's events to its client in the server-sent-events format, on the request's own thread:
 * first the snapshot, then {@code event: ready}, then live events, with a comment line as a heartbeat when idle.
 * Returns when the client goes away, falls too far behind, or the server stops.
 */
final class EventStream {
    static final long HEARTBEAT_MS = 10_000;
    private static final long POLL_MS = 500;
    /** How long a browser waits before reconnecting after the stream ends. */
    static final long RETRY_MS = 2_000;

    private EventStream() {
    }

    static void pump(final OutputFeed.Subscription subscription, final OutputStream out)
            throws IOException, InterruptedException {
        final Subscriber subscriber = subscription.subscriber();
        write(out, "retry: " + RETRY_MS + "\n\n");
        int sent = 0;
        if (subscription.snapshotSize() == 0) {
            write(out, ready(0));
        }
        long idleSince = System.nanoTime();
        while (!subscriber.closed() && !subscriber.overflowed()) {
            final FeedEvent event = subscriber.next(POLL_MS);
            if (event != null) {
                write(out, format(event));
                sent++;
                if (sent == subscription.snapshotSize()) {
                    write(out, ready(sent));
                }
                idleSince = System.nanoTime();
            } else if ((System.nanoTime() - idleSince) / 1_000_000 >= HEARTBEAT_MS) {
                write(out, ": heartbeat\n\n");
                idleSince = System.nanoTime();
            }
        }
    }

    static String format(final FeedEvent event) {
        // record values are single-line JSON, so one data line carries each
        return "id: " + event.id() + "\nevent: " + event.kind().wireName() + "\ndata: "
                + event.json().replace("\r", "").replace("\n", "\ndata: ") + "\n\n";
    }

    private static String ready(final int snapshotSize) {
        return "event: ready\ndata: {\"snapshot\":" + snapshotSize + "}\n\n";
    }

    private static void write(final OutputStream out, final String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
