package io.racetracker.cli.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a streams application has come, from its committed offsets. With exactly-once, an offset is committed in
 * the same transaction as the outputs of the records before it: a committed offset at the end of a topic means every
 * record of it was processed and its outputs are visible to read_committed consumers.
 */
final class GroupProgress {
    private static final long POLL_MS = 50;

    private final Admin admin;
    private final String groupId;

    GroupProgress(final Admin admin, final String groupId) {
        this.admin = admin;
        this.groupId = groupId;
    }

    /** Waits until the group's committed offsets on {@code topic} reach its end offsets; returns when, in nanoTime. */
    long awaitTopicDone(final String topic, final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> ends = null;
        while (System.nanoTime() < deadline) {
            final Map<TopicPartition, OffsetAndMetadata> committed = committed();
            if (ends == null) {
                ends = endOffsets(topic);
            }
            final Map<TopicPartition, Long> target = ends;
            if (!target.isEmpty() && target.entrySet().stream().allMatch(e -> committedAt(committed, e.getKey()) >= e.getValue())) {
                return System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MS);
        }
        throw new IllegalStateException("the app " + groupId + " had not processed all of " + topic + " after " + timeout);
    }

    /** Whether the group's committed offsets on {@code topic} are at its end offsets now. */
    boolean topicDone(final String topic) {
        final Map<TopicPartition, OffsetAndMetadata> committed = committed();
        final Map<TopicPartition, Long> ends = endOffsets(topic);
        return !ends.isEmpty() && ends.entrySet().stream().allMatch(e -> committedAt(committed, e.getKey()) >= e.getValue());
    }

    /**
     * Waits until the group is at the end of every topic it reads, its own repartition and table topics included;
     * a partition one offset short counts as done (the last transaction marker, which no record follows to move the
     * committed offset past). Returns when, in nanoTime.
     */
    long awaitAllDone(final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            final Map<TopicPartition, OffsetAndMetadata> committed = committed();
            if (!committed.isEmpty()) {
                final Map<TopicPartition, Long> ends = endOffsets(committed);
                if (ends.entrySet().stream().allMatch(e -> committedAt(committed, e.getKey()) >= e.getValue() - 1)) {
                    return System.nanoTime();
                }
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MS);
        }
        throw new IllegalStateException("the app " + groupId + " had not caught up on every input after " + timeout);
    }

    private static long committedAt(final Map<TopicPartition, OffsetAndMetadata> committed, final TopicPartition tp) {
        final OffsetAndMetadata offset = committed.get(tp);
        return offset == null ? 0 : offset.offset();
    }

    private Map<TopicPartition, OffsetAndMetadata> committed() {
        return get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
    }

    Map<TopicPartition, Long> endOffsets(final String topic) {
        final Map<TopicPartition, OffsetSpec> specs = get(admin.describeTopics(List.of(topic)).allTopicNames())
                .get(topic).partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        return offsets(specs);
    }

    private Map<TopicPartition, Long> endOffsets(final Map<TopicPartition, ?> partitions) {
        return offsets(partitions.keySet().stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())));
    }

    private Map<TopicPartition, Long> offsets(final Map<TopicPartition, OffsetSpec> specs) {
        final Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = get(admin.listOffsets(specs).all());
        return result.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    static <T> T get(final org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (final ExecutionException | TimeoutException e) {
            final Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("Kafka admin call failed: " + cause.getMessage(), cause);
        }
    }
}
