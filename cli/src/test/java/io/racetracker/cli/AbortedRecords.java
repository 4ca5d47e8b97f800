package io.racetracker.cli;

import io.racetracker.testing.Await;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a killed transactional writer left open, seen as Kafka's own EOS tests see it: right after the kill, the
 * records between each partition's last stable offset and its high watermark (visible to a read_uncommitted reader
 * only); once the open transactions are decided, those that a read_committed reader never returns were aborted.
 */
final class AbortedRecords {
    private final Map<TopicPartition, Long> stable;
    private final Map<TopicPartition, Long> high;
    private final Map<TopicPartition, Set<Long>> uncommitted = new HashMap<>();
    /** What a read_committed reader returned of them, once {@link #aborted} has read it. */
    private final Map<TopicPartition, Set<Long>> returned = new HashMap<>();

    private AbortedRecords(final Map<TopicPartition, Long> stable, final Map<TopicPartition, Long> high) {
        this.stable = stable;
        this.high = high;
    }

    /** Takes the records of open transactions on the topics now (call it right after the kill). */
    static AbortedRecords openNow(final Properties client, final List<String> topics) {
        try (KafkaConsumer<byte[], byte[]> committed = consumer(client, "read_committed");
             KafkaConsumer<byte[], byte[]> uncommitted = consumer(client, "read_uncommitted")) {
            final List<TopicPartition> partitions = topics.stream().flatMap(t -> committed.partitionsFor(t).stream()
                    .map(p -> new TopicPartition(t, p.partition()))).toList();
            // the stable offsets first: a transaction decided in between only makes the range smaller
            final Map<TopicPartition, Long> stable = committed.endOffsets(partitions);
            final Map<TopicPartition, Long> high = uncommitted.endOffsets(partitions);
            final AbortedRecords open = new AbortedRecords(stable, high);
            final List<TopicPartition> pending = partitions.stream().filter(p -> high.get(p) > stable.get(p)).toList();
            if (pending.isEmpty()) {
                return open; // nothing was open: a consumer assigned no partitions cannot poll
            }
            uncommitted.assign(pending);
            pending.forEach(p -> uncommitted.seek(p, stable.get(p)));
            Await.until(() -> {
                uncommitted.poll(Duration.ofMillis(200)).forEach(r -> {
                    final TopicPartition p = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < high.get(p)) {
                        open.uncommitted.computeIfAbsent(p, x -> new HashSet<>()).add(r.offset());
                    }
                });
                return pending.stream().allMatch(p -> uncommitted.position(p) >= high.get(p));
            }, Duration.ofMinutes(1), "reading the open transactions read_uncommitted");
            return open;
        }
    }

    /** Whether the record at this offset was among those of the open transactions taken. */
    boolean saw(final TopicPartition partition, final long offset) {
        return uncommitted.getOrDefault(partition, Set.of()).contains(offset);
    }

    /** Whether the record at this offset was among those taken and, once decided ({@link #aborted}), never returned. */
    boolean abortedAt(final TopicPartition partition, final long offset) {
        return saw(partition, offset) && !returned.getOrDefault(partition, Set.of()).contains(offset);
    }

    /** Records of the open transactions seen read_uncommitted. */
    long open() {
        return uncommitted.values().stream().mapToLong(Set::size).sum();
    }

    /**
     * Waits until every transaction open at the kill is decided (the last stable offsets pass the high watermarks
     * taken then), and returns, per topic, how many of the records then visible read_uncommitted a read_committed
     * reader never returns.
     */
    Map<String, Long> aborted(final Properties client, final Duration timeout) {
        final Map<String, Long> aborted = new TreeMap<>();
        if (uncommitted.isEmpty()) {
            return aborted;
        }
        try (KafkaConsumer<byte[], byte[]> committed = consumer(client, "read_committed")) {
            final List<TopicPartition> pending = List.copyOf(uncommitted.keySet());
            Await.until(() -> committed.endOffsets(pending), ends -> pending.stream().allMatch(p -> ends.get(p) >= high.get(p)),
                    timeout, ends -> "the transactions open at the kill were never decided: stable offsets " + ends
                            + ", high watermarks then " + high);
            returned.clear();
            committed.assign(pending);
            pending.forEach(p -> committed.seek(p, stable.get(p)));
            Await.until(() -> {
                committed.poll(Duration.ofMillis(200)).forEach(r -> returned
                        .computeIfAbsent(new TopicPartition(r.topic(), r.partition()), x -> new HashSet<>()).add(r.offset()));
                return pending.stream().allMatch(p -> committed.position(p) >= high.get(p));
            }, timeout, "reading the decided transactions read_committed");
            uncommitted.forEach((p, offsets) -> {
                final long never = offsets.stream().filter(o -> !returned.getOrDefault(p, Set.of()).contains(o)).count();
                aborted.merge(p.topic(), never, Long::sum);
            });
        }
        aborted.values().removeIf(n -> n == 0);
        return aborted;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(final Properties client, final String isolation) {
        final Properties props = new Properties();
        props.putAll(client);
        props.put("isolation.level", isolation);
        props.put("enable.auto.commit", "false");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
