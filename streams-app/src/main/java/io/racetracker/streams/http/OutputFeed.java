package io.racetracker.streams.http;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.RaceOutput;
import io.racetracker.core.json.Json;
import io.racetracker.core.topic.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
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
 * Follows the output topics with one read_committed consumer of its own (no consumer group), and publishes every
 * record, as a {@link FeedEvent}, to the {@link FeedCache}, which keeps what a late dashboard needs to start from and
 * fans it out to the connected {@link Subscriber}s. It runs on its own thread, outside the topology: a slow client
 * costs its own queue, never the app's processing. It also counts the outputs in the {@link DashboardMetrics}.
 *
 * <p>Where it starts: the compacted topics ({@code athlete-state}, {@code race-leaderboard}, {@code race-results}),
 * {@code athlete-projections} and {@code race-dead-letters} from the beginning, to rebuild the current state, each
 * athlete's history and the counts; {@code race-alerts} and {@code broadcast-feed} from their last
 * {@value FeedCache#RECENT} records per partition.
 *
 * <p>Once it has read every partition up to where it ended when the feed started, it tells the cache: the events it
 * publishes from then on can be resumed from ({@link FeedCache}).
 */
public final class OutputFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutputFeed.class);

    /** Longest pause before the feed starts again after its consumer failed. */
    static final Duration MAX_RESTART_BACKOFF = Duration.ofSeconds(30);
    /** A feed that has not polled for this long is stuck, and the instance is not ready. */
    static final Duration STALE_AFTER = Duration.ofSeconds(15);

    private final Properties consumerProps;
    private volatile Consumer<String, byte[]> consumer;
    private final DashboardMetrics metrics;
    private final FeedCache cache;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Per athlete, the duplicate reads their latest state counted: the metrics count the new ones. */
    private final Map<String, Long> duplicatesSeen = new HashMap<>();
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
    private final Set<TopicPartition> catchingUp = new HashSet<>();
    private boolean caughtUp;
    private volatile boolean stopping;
    private volatile long lastPollNanos = System.nanoTime();
    /** Why the feed is starting again, or null while it runs. */
    private volatile String restarting;

    public OutputFeed(final Properties clientProps, final DashboardMetrics metrics) {
        this.metrics = metrics;
        this.cache = new FeedCache(metrics);
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
        consumer.endOffsets(recent).forEach((tp, end) -> consumer.seek(tp, Math.max(begin.get(tp), end - FeedCache.RECENT)));
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
                caughtUp = true;
                cache.caughtUp();
            }
        }
    }

    /** A subscriber starting from the current state that matches its filter, then every live event that does. */
    public FeedCache.Subscription subscribe(final EventFilter filter) {
        return subscribe(filter, null);
    }

    /**
     * A subscriber that goes on after the event {@code lastEventId} when the feed still holds it (the events after it
     * that match the filter, then every live event that does), and otherwise starts from the current state like
     * {@link #subscribe(EventFilter)}.
     */
    public FeedCache.Subscription subscribe(final EventFilter filter, final String lastEventId) {
        return cache.subscribe(filter, lastEventId);
    }

    public void unsubscribe(final Subscriber subscriber) {
        cache.unsubscribe(subscriber);
    }

    /** An athlete's projections so far, oldest first, as JSON values. */
    public List<String> history(final String raceId, final String athleteId) {
        return cache.history(raceId, athleteId);
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
                cache.closeSubscribers();
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
        cache.clear();
        caughtUp = false;
        catchingUp.clear();
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
        final Kind kind = Kind.ofTopic(record.topic()).orElse(null);
        if (record.value() == null) {
            // a tombstone: an athlete's state or result is gone (a voided read, a withdrawn result)
            if (kind != null && record.key() != null) {
                cache.forget(kind, record.key());
            }
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
        if (kind == null) {
            return;
        }
        final RaceOutput value = read(record, kind.topic().valueType());
        if (value == null) {
            return;
        }
        final String id = record.topic() + ":" + record.partition() + ":" + record.offset();
        final String json = new String(record.value(), StandardCharsets.UTF_8);
        final FeedEvent event = new FeedEvent(kind, id, value.raceId(), value.athleteId(), record.key(), json);
        if (kind == Kind.PROJECTION && uncounted) {
            final boolean live = record.offset() >= liveFrom.getOrDefault(
                    new TopicPartition(record.topic(), record.partition()), Long.MAX_VALUE);
            metrics.acceptedRead(live ? record.timestamp() : -1);
        }
        if (kind == Kind.STATE && value instanceof AthleteProjection state) {
            countDuplicates(record.key(), state.duplicateReads(), mine);
        }
        cache.publish(event);
    }

    /** Counts the duplicate reads an athlete's new state adds, where this instance counts its partition. */
    private void countDuplicates(final String athleteKey, final long duplicates, final boolean counts) {
        final Long before = duplicatesSeen.put(athleteKey, duplicates);
        if (!counts) {
            // another instance counts this partition's duplicates
        } else if (before != null && duplicates > before) {
            metrics.duplicates(duplicates - before);
        } else if (before == null && duplicates > 0) {
            metrics.duplicates(duplicates);
        }
    }

    private <V> V read(final ConsumerRecord<String, byte[]> record, final Class<V> type) {
        try {
            return Json.mapper().readValue(record.value(), type);
        } catch (final IOException e) {
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
        cache.closeSubscribers();
    }
}
