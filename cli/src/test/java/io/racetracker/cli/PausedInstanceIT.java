package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.cli.verify.Books;
import io.racetracker.core.topic.Topics;
import io.racetracker.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A zombie is fenced: of two instances of the app, one is frozen (SIGSTOP, as a long GC pause or a stalled VM
 * would) past its session timeout while a race replays, at a moment its transaction is open with its own records on an
 * output topic (the transaction coordinator and the partition's leader say so). The other takes over its partitions; the frozen one's open
 * transaction is aborted (records a read_uncommitted reader saw that a read_committed reader never returns, its own
 * first record among them); when it
 * is thawed (SIGCONT) it cannot commit anything late: it finds itself fenced and rejoins (or dies, never writing).
 * The books balance read for read ({@code verify}'s checks): no read lost, none doubled. (CrashRecoveryIT compares
 * every output topic with a clean run; here the books' accounting by partition and offset keeps this test short.)
 */
class PausedInstanceIT {
    private static final String GROUP = "reliability-it";
    private static final List<String> OUTPUTS = List.of(Topics.ATHLETE_PROJECTIONS.name(), Topics.ATHLETE_STATE.name(),
            Topics.RACE_ALERTS.name(), Topics.BROADCAST_FEED.name(), Topics.RACE_DEAD_LETTERS.name());
    private static final Pattern FENCED = Pattern.compile("fenced|TaskMigrated");

    @Test
    void aFrozenInstanceIsFencedAndNothingIsDoubled(@TempDir final Path dir) throws Exception {
        final long started = System.nanoTime();
        try (LocalCluster cluster = new LocalCluster(dir);
             Admin admin = Admin.create(cluster.clientProps())) {
            phase(started, "broker up");
            // one thread each; a commit a second, so that a freeze lands inside an open transaction whose records
            // are already on the broker (at the default 100 ms they mostly wait in the producer until the commit)
            final String[] settings = {"-X", "num.stream.threads=1", "-X", "commit.interval.ms=1000"};
            final Launcher frozen = cluster.launchStreams(1, 0, settings);
            final Launcher survivor = cluster.launchStreams(2, 0, settings);
            cluster.awaitRunning(frozen);
            cluster.awaitRunning(survivor);
            phase(started, "two instances up");
            final Launcher producer = cluster.start("produce", "--scenario", "mass", "--runners", "600", "--seed", "17",
                    "--speed", "720", "--bootstrap-server", cluster.bootstrap);
            phase(started, "producer started");
            Await.until(() -> members(admin), m -> m.size() == 2 && m.stream().allMatch(d -> !d.assignment()
                            .topicPartitions().isEmpty()), Duration.ofMinutes(2), m -> "both instances never had work: " + m);
            phase(started, "both instances have partitions");
            Await.until(() -> Outputs.committedEnd(cluster.clientProps(), Topics.ATHLETE_PROJECTIONS.name()) >= 300,
                    Duration.ofMinutes(2), "no progress with two instances");

            phase(started, "two instances at work");
            final String transaction = transactionOf(admin, 1);
            final Frozen at = freezeInsideTransaction(admin, cluster, frozen, transaction);
            final AbortedRecords open = at.open();
            phase(started, "frozen inside an open transaction");
            final long sessionOverMs;
            try {
                final long frozenAt = System.nanoTime();
                // the frozen member's session ends (10 s) and the survivor is given every partition
                Await.until(() -> members(admin), m -> m.size() == 1 && instanceIds(m).equals(Set.of(2))
                                && m.iterator().next().assignment().topicPartitions().stream()
                                .filter(p -> p.topic().equals(Topics.RACE_SPLITS.name())).count() == Topics.ATHLETE_PARTITIONS,
                        Duration.ofMinutes(1), m -> "the survivor never took over: " + m);
                sessionOverMs = (System.nanoTime() - frozenAt) / 1_000_000;
                phase(started, "the survivor has every partition");
                // the frozen instance's open transaction held reads it never committed: the survivor takes them up
                awaitCaughtUp(admin, "the survivor never caught up alone");
            } finally {
                signal("CONT", frozen);
            }
            final Map<String, Long> aborted = open.aborted(cluster.clientProps(), Duration.ofMinutes(1));
            System.out.println("frozen for " + sessionOverMs + " ms until the survivor had every partition; "
                    + open.open() + " records in open transactions at the freeze, aborted " + aborted);
            // the frozen instance's transaction had records on an output topic (the broker said so) and could not
            // commit: its records are aborted, never read by a read_committed reader
            assertTrue(aborted.values().stream().mapToLong(Long::longValue).sum() > 0,
                    "the frozen instance's open transaction was not aborted: " + aborted);
            at.ownFirstOffsets().forEach((partition, offset) -> assertTrue(open.abortedAt(partition, offset),
                    "the frozen instance's first open record on " + partition + " (offset " + offset + ") was not aborted"));
            phase(started, "the frozen instance's transaction was aborted");

            // thawed, the zombie learns it was fenced and rejoins (or dies) without committing anything late
            final String thawed = Await.until(() -> outputOf(frozen), out -> FENCED.matcher(out).find()
                            || !frozen.process.isAlive(), Duration.ofMinutes(1),
                    out -> "the thawed instance never noticed it was fenced:\n" + out);
            System.out.println("the thawed instance: " + thawed.lines().filter(l -> FENCED.matcher(l).find()).findFirst()
                    .orElse("exited with " + (frozen.process.isAlive() ? "-" : frozen.process.exitValue())));
            Await.until(() -> members(admin), m -> instanceIds(m).equals(Set.of(1, 2))
                            || !frozen.process.isAlive(), Duration.ofMinutes(1),
                    m -> "the thawed instance neither rejoined nor stopped: " + m);
            phase(started, frozen.process.isAlive() ? "the thawed instance rejoined the group"
                    : "the thawed instance stopped (exit " + frozen.process.exitValue() + ")");
            assertEquals(0, producer.awaitExit(Duration.ofMinutes(3)), producer.output());
            phase(started, "the race is in");

            final Books books = Await.until(() -> Books.read(cluster.clientProps(), Duration.ofMinutes(1)), Books::balance,
                    Duration.ofMinutes(2), b -> "the books never balanced: " + b);
            phase(started, "the books balance, read for read");
            assertTrue(books.total("mass").accepted() > 3_000, "a real mass race went through: " + books.byRace());
            assertTrue(survivor.process.isAlive(), survivor.output());
        }
    }

    /**
     * Where an instance was frozen: the records of the transactions open then, and the first offset of the frozen
     * instance's own open transaction on each output partition it had written to.
     */
    private record Frozen(AbortedRecords open, Map<TopicPartition, Long> ownFirstOffsets) {
    }

    /**
     * Freezes the instance at a moment its transaction is open with its own records on an output topic: the
     * transaction coordinator reports it {@code ONGOING} (not yet committing) with output partitions, and the partition
     * leader reports the instance's producer with an open transaction there, whose first record the open records
     * taken include. (A partition is added to a transaction before its records are sent: the coordinator alone cannot
     * tell records on the broker from records still in the producer's buffer.) A freeze that lands anywhere else is
     * undone and tried again once the app has committed every read sent by then.
     */
    private static Frozen freezeInsideTransaction(final Admin admin, final LocalCluster cluster, final Launcher instance,
                                                  final String transactionalId) throws Exception {
        for (int attempt = 1; attempt <= 30; attempt++) {
            signal("STOP", instance);
            final Map<TopicPartition, Long> own = ownOpenRecords(admin, transactionalId);
            if (!own.isEmpty()) {
                final AbortedRecords open = AbortedRecords.openNow(cluster.clientProps(), OUTPUTS);
                own.entrySet().removeIf(first -> !open.saw(first.getKey(), first.getValue()));
                if (!own.isEmpty() && !ownOpenRecords(admin, transactionalId).isEmpty()) {
                    System.out.println("frozen inside an open transaction at attempt " + attempt + ", its first records at " + own);
                    return new Frozen(open, own);
                }
            }
            signal("CONT", instance);
            awaitCaughtUp(admin, "no progress after a thaw");
        }
        throw new AssertionError("30 freezes never landed inside an open transaction of " + transactionalId);
    }

    /**
     * Waits until the group has committed every read {@code race-splits} holds now. A target fixed when the wait
     * begins: reached whether or not the race is still being sent (a wait for so many more outputs would never end
     * once the race is over and every read processed).
     */
    private static void awaitCaughtUp(final Admin admin, final String failure) throws Exception {
        final List<TopicPartition> splits = admin.describeTopics(List.of(Topics.RACE_SPLITS.name())).allTopicNames().get()
                .get(Topics.RACE_SPLITS.name()).partitions().stream()
                .map(p -> new TopicPartition(Topics.RACE_SPLITS.name(), p.partition())).toList();
        final Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(splits.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get()
                .forEach((partition, end) -> ends.put(partition, end.offset()));
        Await.until(() -> committed(admin), done -> ends.entrySet().stream()
                        .allMatch(end -> done.getOrDefault(end.getKey(), 0L) >= end.getValue()), Duration.ofMinutes(2),
                done -> failure + ": committed " + done + ", to reach " + ends);
    }

    /** The group's committed offsets on {@code race-splits}. */
    private static Map<TopicPartition, Long> committed(final Admin admin) {
        try {
            final Map<TopicPartition, Long> committed = new HashMap<>();
            admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get().forEach((partition, offset) -> {
                if (offset != null && partition.topic().equals(Topics.RACE_SPLITS.name())) {
                    committed.put(partition, offset.offset());
                }
            });
            return committed;
        } catch (final Exception e) {
            throw new AssertionError("cannot list the offsets of the group " + GROUP, e);
        }
    }

    /**
     * The output partitions where the transaction, open ({@code ONGOING}), has records on the log: for each, the offset
     * of its first one, as the partition's leader reports the transaction's producer. Empty when it has none.
     */
    private static Map<TopicPartition, Long> ownOpenRecords(final Admin admin, final String transactionalId) throws Exception {
        final TransactionDescription state = admin.describeTransactions(List.of(transactionalId)).all().get()
                .get(transactionalId);
        final List<TopicPartition> outputs = state.topicPartitions().stream().filter(p -> OUTPUTS.contains(p.topic())).toList();
        if (state.state() != TransactionState.ONGOING || outputs.isEmpty()) {
            return new HashMap<>();
        }
        final Map<TopicPartition, Long> first = new HashMap<>();
        admin.describeProducers(outputs).all().get().forEach((partition, producers) -> producers.activeProducers().stream()
                .filter(p -> p.producerId() == state.producerId() && p.currentTransactionStartOffset().isPresent())
                .forEach(p -> first.put(partition, p.currentTransactionStartOffset().getAsLong())));
        return first;
    }

    /**
     * The transactional id of an instance's one stream thread: Kafka Streams names it after the client id's prefix
     * (the application id and the instance's process id) and the thread's index.
     */
    private static String transactionOf(final Admin admin, final int instance) {
        final MemberDescription member = members(admin).stream()
                .filter(m -> instanceIds(List.of(m)).equals(Set.of(instance))).findFirst()
                .orElseThrow(() -> new AssertionError("no member of instance " + instance));
        final int thread = member.clientId().indexOf("-StreamThread-");
        assertTrue(thread > 0, "a stream thread's client id: " + member.clientId());
        return member.clientId().substring(0, thread) + "-1";
    }

    private static Collection<MemberDescription> members(final Admin admin) {
        try {
            final ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
            return group.members();
        } catch (final Exception e) {
            throw new AssertionError("cannot describe the group " + GROUP, e);
        }
    }

    private static String outputOf(final Launcher launcher) {
        try {
            return launcher.output();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The instances (n of {@code reliability-it-n-thread}) the members belong to. */
    private static Set<Integer> instanceIds(final Collection<MemberDescription> members) {
        return members.stream().map(m -> m.groupInstanceId().orElse(""))
                .map(id -> id.startsWith(GROUP + "-") ? id.substring(GROUP.length() + 1) : "0")
                .map(id -> Integer.valueOf(id.contains("-") ? id.substring(0, id.indexOf('-')) : id))
                .collect(Collectors.toSet());
    }

    private static void phase(final long started, final String what) {
        System.out.printf("PausedInstanceIT %5.1f s: %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    /** Sends a signal to a launched process (its JVM: the launcher runs java directly). */
    private static void signal(final String name, final Launcher launcher) throws Exception {
        final Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(launcher.process.pid()))
                .inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + name);
    }
}
