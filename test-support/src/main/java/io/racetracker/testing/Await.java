package io.racetracker.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way the tests wait for something that happens elsewhere (a broker, a streams app, a child process): on
 * the condition that matters, checked again and again until a deadline, never on a fixed sleep. A failure says what
 * was awaited and what was last seen.
 */
public final class Await {
    /** Time between two checks; the deadline, not this, bounds the wait. */
    private static final long POLL_MS = 50;

    private Await() {
    }

    /** Waits until {@code condition} holds, failing with {@code message} after {@code timeout}. */
    public static void until(final BooleanSupplier condition, final Duration timeout, final String message) {
        until(() -> condition.getAsBoolean(), done -> done, timeout, seen -> message);
    }

    /**
     * Takes {@code probe} until what it gives satisfies {@code done}, and returns that; fails after {@code timeout}
     * with {@code message} applied to the last thing seen.
     */
    public static <T> T until(final Supplier<T> probe, final Predicate<T> done, final Duration timeout,
                              final java.util.function.Function<T, String> message) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            final T seen = probe.get();
            if (done.test(seen)) {
                return seen;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("after " + timeout + ": " + message.apply(seen));
            }
            try {
                TimeUnit.MILLISECONDS.sleep(POLL_MS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + message.apply(seen), e);
            }
        }
    }
}
