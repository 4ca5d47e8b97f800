package io.racetracker.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes what a command opened, last opened first, exactly once: from the command's own exit or from the shutdown
 * hook that Ctrl-C runs, whichever comes first.
 */
final class Closer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Closer.class);
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private boolean closed;

    /** Registers a hook so that Ctrl-C closes everything too. */
    static Closer withShutdownHook() {
        final Closer closer = new Closer();
        Runtime.getRuntime().addShutdownHook(new Thread(closer::close, "race-tracker-shutdown"));
        return closer;
    }

    synchronized <T extends AutoCloseable> T register(final T resource) {
        if (closed) {
            throw new IllegalStateException("shutting down");
        }
        resources.push(resource);
        return resource;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (final Exception e) {
                LOG.warn("while shutting down: {}", e.toString());
            }
        }
    }
}
