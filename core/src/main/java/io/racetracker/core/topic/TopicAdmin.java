package io.racetracker.core.topic;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates the contract's topics that do not exist yet; existing topics are left as they are. */
public final class TopicAdmin {
    private TopicAdmin() {
    }

    /**
     * @param replicationFactor 1 on a single local broker, 3 in production ({@code -1} takes the broker default)
     * @return the names created by this call
     */
    public static List<String> ensureTopics(final Admin admin, final Collection<Topic<?>> topics,
                                            final short replicationFactor, final Duration timeout) {
        return ensureTopics(admin, topics, 0, replicationFactor, timeout);
    }

    /**
     * @param athletePartitions partitions of the athlete-keyed topics, 0 for {@link Topics#ATHLETE_PARTITIONS};
     *                          they must all have the same count (the joins need it), so choose it once per cluster
     */
    public static List<String> ensureTopics(final Admin admin, final Collection<Topic<?>> topics,
                                            final int athletePartitions, final short replicationFactor,
                                            final Duration timeout) {
        try {
            final Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            final List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> t.newTopic(athletePartitions > 0 && t.partitions() == Topics.ATHLETE_PARTITIONS
                            ? athletePartitions : t.partitions(), replicationFactor))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (final ExecutionException | TimeoutException e) {
            final Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cannot create topics: " + cause.getMessage(), cause);
        }
    }
}
