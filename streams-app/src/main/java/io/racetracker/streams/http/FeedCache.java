package io.racetracker.streams.http;

import io.racetracker.core.topic.Keys;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a late dashboard needs to start from, and the dashboards connected now: the output feed ({@link OutputFeed})
 * publishes every event here, which keeps it and fans it out to the {@link Subscriber}s.
 *
 * <p>It keeps the latest of each athlete's state, leaderboard and result, each athlete's projections (up to
 * {@value #MAX_HISTORY} in all), and the last {@value #RECENT} alerts and broadcast lines.
 *
 * <p>Snapshot, then live, with nothing lost or repeated in between: an event is kept and offered to the subscribers
 * under one lock, and {@link #subscribe} copies the cache and registers the subscriber under the same lock.
 *
 * <p>Resuming: once the feed has caught up with the end the topics had when it started, the cache keeps its latest
 * {@value #RESUME_CAPACITY} events in the order they were published ({@link ResumeBuffer}). A client that reconnects
 * with the id of the last event it got ({@code Last-Event-ID}) gets the events after it from there, if the cache still
 * holds it, instead of a snapshot. Events read while catching up are never resumed from: their order across
 * partitions is this feed's own and may differ from another feed's (a server before a restart).
 */
final class FeedCache {
    /** Alerts and broadcast lines kept, the latest ones; also how many of each partition the feed reads back. */
    static final int RECENT = 30;
    /** Live events a client may fall behind by before it is dropped. */
    static final int LIVE_CAPACITY = 2_000;
    /** Bound on the projections kept for athletes' histories (about 1 kB each). */
    static final int MAX_HISTORY = 200_000;
    /** Live events kept for clients that resume after a lost connection. */
    static final int RESUME_CAPACITY = 10_000;

    private final DashboardMetrics metrics;
    private final Object lock = new Object();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Map<String, FeedEvent> states = new LinkedHashMap<>();
    private final Map<String, FeedEvent> leaderboards = new LinkedHashMap<>();
    private final Map<String, FeedEvent> results = new LinkedHashMap<>();
    private final Map<String, List<FeedEvent>> histories = new HashMap<>();
    private final Deque<FeedEvent> alerts = new ArrayDeque<>();
    private final Deque<FeedEvent> broadcasts = new ArrayDeque<>();
    private final ResumeBuffer resumable = new ResumeBuffer(RESUME_CAPACITY);
    private boolean caughtUp;
    private int historySize;

    FeedCache(final DashboardMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * A subscriber that goes on after the event {@code lastEventId} when the cache still holds it (the events after
     * it that match the filter, then every live event that does), and otherwise starts from the current state that
     * matches its filter.
     */
    Subscription subscribe(final EventFilter filter, final String lastEventId) {
        synchronized (lock) {
            final Optional<List<FeedEvent>> after = resumable.after(lastEventId, filter);
            final List<FeedEvent> first = after.orElseGet(() -> snapshot(filter));
            final Subscriber subscriber = new Subscriber(filter, first.size() + LIVE_CAPACITY);
            first.forEach(subscriber::offer);
            subscribers.add(subscriber);
            metrics.clients(subscribers.size());
            return new Subscription(subscriber, first.size(), after.isPresent(), resumable.latestId());
        }
    }

    void unsubscribe(final Subscriber subscriber) {
        subscriber.close();
        subscribers.remove(subscriber);
        metrics.clients(subscribers.size());
        if (subscriber.overflowed()) {
            metrics.clientDropped();
        }
    }

    /** An athlete's projections so far, oldest first, as JSON values. */
    List<String> history(final String raceId, final String athleteId) {
        synchronized (lock) {
            return histories.getOrDefault(Keys.athlete(raceId, athleteId), List.of()).stream().map(FeedEvent::json).toList();
        }
    }

    /** Keeps the event, and offers it to every subscriber. */
    void publish(final FeedEvent event) {
        synchronized (lock) {
            remember(event);
            if (caughtUp) {
                resumable.add(event);
            }
            for (final Subscriber subscriber : subscribers) {
                subscriber.offer(event);
            }
        }
    }

    /** A tombstone: an athlete's state or result is gone (a voided read, a withdrawn result); snapshots leave it out. */
    void forget(final Kind kind, final String key) {
        synchronized (lock) {
            if (kind == Kind.STATE) {
                states.remove(key);
            } else if (kind == Kind.RESULT) {
                results.remove(key);
            }
        }
    }

    /** The feed has read every partition up to where it ended when the feed started: events from now on resume. */
    void caughtUp() {
        synchronized (lock) {
            caughtUp = true;
        }
    }

    /** Forgets everything, to be read again from the beginning. */
    void clear() {
        synchronized (lock) {
            states.clear();
            leaderboards.clear();
            results.clear();
            histories.clear();
            historySize = 0;
            alerts.clear();
            broadcasts.clear();
            resumable.clear();
            caughtUp = false;
        }
    }

    /** Ends every open event stream: a page reconnects and starts from a fresh snapshot. */
    void closeSubscribers() {
        subscribers.forEach(Subscriber::close);
    }

    private List<FeedEvent> snapshot(final EventFilter filter) {
        final List<FeedEvent> events = new ArrayList<>();
        addMatching(events, states.values(), filter);
        addMatching(events, leaderboards.values(), filter);
        addMatching(events, results.values(), filter);
        if (filter.athlete() != null) {
            if (filter.race() != null) {
                addMatching(events, histories.getOrDefault(Keys.athlete(filter.race(), filter.athlete()), List.of()), filter);
            } else {
                histories.forEach((key, history) -> {
                    if (Keys.athleteOf(key).equals(filter.athlete())) {
                        addMatching(events, history, filter);
                    }
                });
            }
        }
        addMatching(events, broadcasts, filter);
        addMatching(events, alerts, filter);
        return events;
    }

    private static void addMatching(final List<FeedEvent> to, final Collection<FeedEvent> from, final EventFilter filter) {
        from.stream().filter(filter::accepts).forEach(to::add);
    }

    private void remember(final FeedEvent event) {
        switch (event.kind()) {
            case STATE -> states.put(event.key(), event);
            case LEADERBOARD -> leaderboards.put(event.key(), event);
            case RESULT -> results.put(event.key(), event);
            case PROJECTION -> {
                if (historySize < MAX_HISTORY) {
                    histories.computeIfAbsent(event.key(), a -> new ArrayList<>()).add(event);
                    historySize++;
                }
            }
            case ALERT -> keepRecent(alerts, event);
            case BROADCAST -> keepRecent(broadcasts, event);
        }
    }

    private static void keepRecent(final Deque<FeedEvent> recent, final FeedEvent event) {
        recent.addLast(event);
        while (recent.size() > RECENT) {
            recent.removeFirst();
        }
    }

    /**
     * A new subscriber.
     *
     * @param subscriber its queue
     * @param firstSize  how many of its first queued events are the snapshot, or the events it resumes with
     * @param resumed    whether it goes on from a {@code Last-Event-ID} rather than from a snapshot
     * @param position   the id of the latest event the feed passed on before it subscribed, the position it can
     *                   resume from before any live event reached it; null when there is none yet
     */
    public record Subscription(Subscriber subscriber, int firstSize, boolean resumed, String position) {
    }
}
