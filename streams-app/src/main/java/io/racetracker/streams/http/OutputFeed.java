package io.racetracker.streams.http;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.BroadcastLine;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.Leaderboard;
import io.racetracker.core.event.RaceAlert;
import io.racetracker.core.event.RaceResult;
import io.racetracker.core.json.Json;
import io.racetracker.core.topic.Keys;
import io.racetracker.core.topic.Topics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the output topics with one read_committed consumer of its own (no consumer group), keeps what a late
 * dashboard needs to start from, and fans every record out to the connected {@link Subscriber}s. It runs on its own
 * thread, outside the topology: a slow client costs its own queue, never the app's processing.
 *
 * <p>Where it starts: the compacted topics ({@code athlete-state}, {@code race-leaderboard}, {@code race-results}),
 * {@code athlete-projections} and {@code race-dead-letters} from the beginning, to rebuild the current state, each
 * athlete's history and the counts; {@code race-alerts} and {@code broadcast-feed} from their last {@value #RECENT}
 * records per partition.
 *
 * <p>Snapshot, then live, with nothing lost or repeated in between: the consumer thread applies a record to the
 * cache and offers it to the subscribers under one lock, and {@link #subscribe} copies the cache and registers the
 * subscriber under the same lock.
 *
 * <p>Resuming: once the feed has caught up with the end the topics had when it started, it keeps its latest
 * {@value #RESUME_CAPACITY} events in the order it passed them on ({@link ResumeBuffer}). A client that reconnects
 * with the id of the last event it got ({@code Last-Event-ID}) gets the events after it from there, if the feed still
 * holds it, instead of a snapshot. Events read while catching up are never resumed from: their order across
 * partitions is this feed's own and may differ from another feed's (a server before a restart).
 */
public final class OutputFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutputFeed.class);
    static final int RECENT = 30;
    /** Live events a client may fall behind by before it is dropped. */
    static final int LIVE_CAPACITY = 2_000;
    /** Bound on the projections kept for athletes' histories (about 1 kB each). */
    static final int MAX_HISTORY = 200_000;
    /** Live events kept for clients that resume after a lost connection. */
    static final int RESUME_CAPACITY = 10_000;

    /** Longest pause before the feed starts again after its consumer failed. */
    static final Duration MAX_RESTART_BACKOFF = Duration.ofSeconds(30);
    /** A feed that has not polled for this long is stuck, and the instance is not ready. */
    static final Duration STALE_AFTER = Duration.ofSeconds(15);

    private final Properties consumerProps;
    private volatile Consumer<String, byte[]> consumer;
    private final DashboardMetrics metrics;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object lock = new Object();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Map<String, FeedEvent> states = new LinkedHashMap<>();
    private final Map<String, Long> duplicatesSeen = new HashMap<>();
    private final Map<String, FeedEvent> leaderboards = new LinkedHashMap<>();
    private final Map<String, FeedEvent> results = new LinkedHashMap<>();
    private final Map<String, List<FeedEvent>> histories = new HashMap<>();
    private final Deque<FeedEvent> alerts = new ArrayDeque<>();
    private final Deque<FeedEvent> broadcasts = new ArrayDeque<>();
    /** Per partition, the first offset written after this feed started: only those count towards the lag. */
    private final Map<TopicPartition, Long> liveFrom = new HashMap<>();
    /** Per partition, the next offset not yet counted in the metrics: a restarted feed reads again, counts once. */
    private final Map<TopicPartition, Long> counted = new HashMap<>();
    /**
     * Per partition, where it ended when this process first read it: the metrics count only records from there on,
     * so that an instance taking over a partition does not count again what its former owner counted.
     */
    private final Map<TopicPartition, Long> countFrom = new HashMap<>();
    /** Partitions not yet read up to {@link #liveFrom}; the feed has caught up when none is left. */
    private final java.util.Set<TopicPartition> catchingUp = new java.util.HashSet<>();
    private final ResumeBuffer resumable = new ResumeBuffer(RESUME_CAPACITY);
    private boolean caughtUp;
    private int historySize;
    private volatile boolean stopping;
    private volatile long lastPollNanos = System.nanoTime();
    /** Why the feed is starting again, or null while it runs. */
    private volatile String restarting;

    public OutputFeed(final Properties clientProps, final DashboardMetrics metrics) {
        this.metrics = metrics;
        final Properties props = new Properties();
        props.putAll(clientProps);
        // a streams configuration may be passed in whole: keep what a plain consumer understands
        props.keySet().removeIf(k -> !ConsumerConfig.configNames().contains(String.valueOf(k)));
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "race-tracker-dashboard-" + ProcessHandle.current().pid());
        this.consumerProps = props;
        this.consumer = newConsumer();
        assignAndPosition();
        this.thread = new Thread(this::run, "dashboard-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private Consumer<String, byte[]> newConsumer() {
        final Consumer<String, byte[]> created = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                new ByteArrayDeserializer());
        metrics.bindConsumer(created);
        return created;
    }

    private void assignAndPosition() {
        final List<TopicPartition> fromStart = new ArrayList<>();
        final List<TopicPartition> recent = new ArrayList<>();
        final List<TopicPartition> all = new ArrayList<>();
        for (final Kind kind : Kind.values()) {
            final boolean whole = kind != Kind.ALERT && kind != Kind.BROADCAST;
            consumer.partitionsFor(kind.topic().name()).forEach(p -> {
                final TopicPartition tp = new TopicPartition(p.topic(), p.partition());
                (whole ? fromStart : recent).add(tp);
                all.add(tp);
            });
        }
        // dead letters only feed a counter
        consumer.partitionsFor(Topics.RACE_DEAD_LETTERS.name()).forEach(p -> {
            final TopicPartition tp = new TopicPartition(p.topic(), p.partition());
            fromStart.add(tp);
            all.add(tp);
        });
        consumer.assign(all);
        consumer.seekToBeginning(fromStart);
        final Map<TopicPartition, Long> begin = consumer.beginningOffsets(recent);
        consumer.endOffsets(recent).forEach((tp, end) -> consumer.seek(tp, Math.max(begin.get(tp), end - RECENT)));
        liveFrom.putAll(consumer.endOffsets(all));
        liveFrom.forEach(countFrom::putIfAbsent);
        all.forEach(consumer::position);
        catchingUp.addAll(all);
        checkCaughtUp();
    }

    /** Whether every partition has been read up to where it ended when the feed started. */
    private void checkCaughtUp() {
        if (!caughtUp) {
            catchingUp.removeIf(tp -> consumer.position(tp) >= liveFrom.get(tp));
            if (catchingUp.isEmpty()) {
                synchronized (lock) {
                    caughtUp = true;
                }
            }
        }
    }

    /** A subscriber starting from the current state that matches its filter, then every live event that does. */
    public Subscription subscribe(final EventFilter filter) {
        return subscribe(filter, null);
    }

    /**
     * A subscriber that goes on after the event {@code lastEventId} when the feed still holds it (the events after it
     * that match the filter, then every live event that does), and otherwise starts from the current state like
     * {@link #subscribe(EventFilter)}.
     */
    public Subscription subscribe(final EventFilter filter, final String lastEventId) {
        synchronized (lock) {
            final java.util.Optional<List<FeedEvent>> after = resumable.after(lastEventId, filter);
            final List<FeedEvent> first = after.orElseGet(() -> snapshot(filter));
            final Subscriber subscriber = new Subscriber(filter, first.size() + LIVE_CAPACITY);
            first.forEach(subscriber::offer);
            subscribers.add(subscriber);
            metrics.clients(subscribers.size());
            return new Subscription(subscriber, first.size(), after.isPresent(), resumable.latestId());
        }
    }

    public void unsubscribe(final Subscriber subscriber) {
        subscriber.close();
        subscribers.remove(subscriber);
        metrics.clients(subscribers.size());
        if (subscriber.overflowed()) {
            metrics.clientDropped();
        }
    }

    /** An athlete's projections so far, oldest first, as JSON values. */
    public List<String> history(final String raceId, final String athleteId) {
        synchronized (lock) {
            return histories.getOrDefault(Keys.athlete(raceId, athleteId), List.of()).stream().map(FeedEvent::json).toList();
        }
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

    /**
     * Follows the topics until closed. When the consumer fails, the open event streams are closed (a page reconnects
     * and starts from a fresh snapshot, rather than showing LIVE while frozen) and the feed starts again from the
     * beginning with a fresh consumer, after a pause that doubles up to {@link #MAX_RESTART_BACKOFF}.
     */
    private void run() {
        Duration backoff = Duration.ofSeconds(1);
        while (!stopping) {
            try {
                if (restarting != null) {
                    consumer = newConsumer();
                    startOver();
                    restarting = null;
                    LOG.info("the dashboard feed is following the output topics again");
                }
                follow();
                backoff = Duration.ofSeconds(1);
            } catch (final WakeupException e) {
                // closing
            } catch (final RuntimeException e) {
                restarting = e.toString();
                LOG.error("the dashboard feed failed; its event streams are closed so that pages reconnect, and it"
                        + " starts again in {}", backoff, e);
                subscribers.forEach(Subscriber::close);
                closeConsumer();
                try {
                    stopped.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
                } catch (final InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_RESTART_BACKOFF) > 0 ? MAX_RESTART_BACKOFF
                        : backoff.multipliedBy(2);
            }
        }
        closeConsumer();
    }

    private void follow() {
        while (!stopping) {
            final ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
            lastPollNanos = System.nanoTime();
            for (final ConsumerRecord<String, byte[]> record : records) {
                handle(record);
            }
            checkCaughtUp();
        }
    }

    /** Forgets the cache, to be read again from the beginning; the metrics' counts are kept. */
    private void startOver() {
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
            catchingUp.clear();
        }
        assignAndPosition();
    }

    private void closeConsumer() {
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (final RuntimeException e) {
            LOG.debug("closing the dashboard feed's consumer: {}", e.toString());
        }
    }

    /** Why the dashboard's live feed is not working, or empty when it is following the topics. */
    public Optional<String> problem() {
        if (!thread.isAlive()) {
            return Optional.of("dashboard feed thread has stopped");
        }
        final String failed = restarting;
        if (failed != null) {
            return Optional.of("dashboard feed is restarting after: " + failed);
        }
        final long idleMs = (System.nanoTime() - lastPollNanos) / 1_000_000;
        if (idleMs > STALE_AFTER.toMillis()) {
            return Optional.of("dashboard feed has not polled Kafka for " + idleMs / 1000 + " s");
        }
        return Optional.empty();
    }

    private void handle(final ConsumerRecord<String, byte[]> record) {
        final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        final boolean unseen = record.offset() >= counted.getOrDefault(partition, 0L);
        if (unseen) {
            counted.put(partition, record.offset() + 1);
        }
        // counted by the instance that owns the partition only, so that instances' counts add up (DashboardMetrics)
        final boolean mine = metrics.owns(record.partition());
        final boolean uncounted = unseen && mine && record.offset() >= countFrom.getOrDefault(partition, Long.MAX_VALUE);
        if (record.value() == null) {
            forget(record);
            return;
        }
        if (uncounted) {
            metrics.output(record.topic());
        }
        if (record.topic().equals(Topics.RACE_DEAD_LETTERS.name())) {
            final DeadLetter dead = read(record, DeadLetter.class);
            if (uncounted) {
                metrics.deadLetter(dead == null || dead.code() == null ? "UNKNOWN" : dead.code().name());
            }
            return;
        }
        final Kind kind = Kind.ofTopic(record.topic()).orElse(null);
        if (kind == null) {
            return;
        }
        final Object value = read(record, kind.topic().valueType());
        if (value == null) {
            return;
        }
        final String id = record.topic() + ":" + record.partition() + ":" + record.offset();
        final String json = new String(record.value(), java.nio.charset.StandardCharsets.UTF_8);
        final FeedEvent event = switch (kind) {
            case PROJECTION, STATE -> {
                final AthleteProjection p = (AthleteProjection) value;
                yield new FeedEvent(kind, id, p.raceId(), p.athleteId(), record.key(), json);
            }
            case LEADERBOARD -> new FeedEvent(kind, id, ((Leaderboard) value).raceId(), null, record.key(), json);
            case ALERT -> {
                final RaceAlert a = (RaceAlert) value;
                yield new FeedEvent(kind, id, a.raceId(), a.athleteId(), record.key(), json);
            }
            case BROADCAST -> {
                final BroadcastLine b = (BroadcastLine) value;
                yield new FeedEvent(kind, id, b.raceId(), b.athleteId(), record.key(), json);
            }
            case RESULT -> {
                final RaceResult r = (RaceResult) value;
                yield new FeedEvent(kind, id, r.raceId(), r.athleteId(), record.key(), json);
            }
        };
        if (kind == Kind.PROJECTION && uncounted) {
            final boolean live = record.offset() >= liveFrom.getOrDefault(
                    new TopicPartition(record.topic(), record.partition()), Long.MAX_VALUE);
            metrics.acceptedRead(live ? record.timestamp() : -1);
        }
        synchronized (lock) {
            remember(event, value, mine);
            if (caughtUp) {
                resumable.add(event);
            }
            for (final Subscriber subscriber : subscribers) {
                subscriber.offer(event);
            }
        }
    }

    /** A tombstone: an athlete's state or result is gone (a voided read, a withdrawn result); snapshots leave it out. */
    private void forget(final ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        synchronized (lock) {
            if (record.topic().equals(Topics.ATHLETE_STATE.name())) {
                states.remove(record.key());
            } else if (record.topic().equals(Topics.RACE_RESULTS.name())) {
                results.remove(record.key());
            }
        }
    }

    private void remember(final FeedEvent event, final Object value, final boolean counts) {
        switch (event.kind()) {
            case STATE -> {
                states.put(event.key(), event);
                final long duplicates = ((AthleteProjection) value).duplicateReads();
                final Long before = duplicatesSeen.put(event.key(), duplicates);
                if (!counts) {
                    // another instance counts this partition's duplicates
                } else if (before != null && duplicates > before) {
                    metrics.duplicates(duplicates - before);
                } else if (before == null && duplicates > 0) {
                    metrics.duplicates(duplicates);
                }
            }
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

    private <V> V read(final ConsumerRecord<String, byte[]> record, final Class<V> type) {
        try {
            return Json.mapper().readValue(record.value(), type);
        } catch (final java.io.IOException e) {
            LOG.warn("skipping an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        stopped.countDown();
        try {
            consumer.wakeup();
        } catch (final RuntimeException e) {
            // already closed, between two starts
        }
        thread.join(10_000);
        subscribers.forEach(Subscriber::close);
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
