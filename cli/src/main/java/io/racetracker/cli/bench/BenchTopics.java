package io.racetracker.cli.bench;

import io.racetracker.core.topic.Topic;
import io.racetracker.core.topic.TopicAdmin;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Topics of the benchmark: the contract's, fresh for each phase that needs an empty race, and the pass-through's. */
final class BenchTopics {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** A broker busy with other work can take a while to lead the partitions of a topic it has just created. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final Admin admin;

    BenchTopics(final Admin admin) {
        this.admin = admin;
    }

    /** Deletes the topics if they exist, waits until they are gone, and creates them empty. */
    void recreate(final Collection<Topic<?>> topics) throws InterruptedException {
        final Set<String> names = topics.stream().map(Topic::name).collect(Collectors.toSet());
        final Set<String> existing = GroupProgress.get(admin.listTopics().names());
        final List<String> doomed = names.stream().filter(existing::contains).toList();
        if (!doomed.isEmpty()) {
            GroupProgress.get(admin.deleteTopics(doomed).all());
            awaitGone(doomed);
        }
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                TopicAdmin.ensureTopics(admin, topics, (short) -1, TIMEOUT);
                awaitLeaders(names);
                return;
            } catch (final IllegalStateException e) {
                if (!(e.getCause() instanceof TopicExistsException) || System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    /**
     * Waits until deleted topics are no longer listed. A deletion is acknowledged before every part of the cluster
     * has applied it: a topic that is still listed would count as existing, not be created again, and then vanish.
     */
    private void awaitGone(final List<String> deleted) throws InterruptedException {
        final long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (GroupProgress.get(admin.listTopics().names()).stream().anyMatch(deleted::contains)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the deleted topics " + deleted + " were still listed after " + READY_TIMEOUT);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /**
     * Waits until the leader of every partition answers for it (an offset lookup goes to the leader itself): a producer
     * that writes to a partition whose leader is still loading it gets retriable errors that can leave an idempotent
     * producer stuck.
     */
    private void awaitLeaders(final Set<String> names) throws InterruptedException {
        final long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String lastProblem = "";
        while (System.nanoTime() < deadline) {
            try {
                final Map<String, TopicDescription> described = GroupProgress.get(admin.describeTopics(names).allTopicNames());
                final Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                described.values().forEach(d -> d.partitions().forEach(
                        p -> partitions.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
                GroupProgress.get(admin.listOffsets(partitions).all());
                return;
            } catch (final IllegalStateException notYet) {
                lastProblem = notYet.getMessage();
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        throw new IllegalStateException("the recreated topics were not ready within " + READY_TIMEOUT + ": " + lastProblem);
    }

    /** Creates {@code mirror} with the partitions and cleanup policy of {@code original}; returns its name. */
    String mirror(final String original, final String mirror) {
        final TopicDescription description = GroupProgress.get(admin.describeTopics(List.of(original)).allTopicNames())
                .get(original);
        final ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, original);
        final Config config = GroupProgress.get(admin.describeConfigs(List.of(resource)).all()).get(resource);
        final String cleanup = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        final NewTopic topic = new NewTopic(mirror, description.partitions().size(), (short) -1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanup));
        GroupProgress.get(admin.createTopics(List.of(topic)).all());
        return mirror;
    }
}
