package io.racetracker.cli;

import io.racetracker.core.topic.Topic;
import io.racetracker.core.topic.TopicAdmin;
import io.racetracker.core.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "topics", mixinStandardHelpOptions = true,
        description = {"Create the tracker's topics where they are missing, and list them.",
            "Partitions of the athlete-keyed topics bound how many stream threads and instances can share the work;"
                + " choose them once, for the largest race the cluster will carry."})
final class TopicsCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + Topics.ATHLETE_PARTITIONS,
            description = "Partitions of every athlete-keyed topic (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", paramLabel = "R", defaultValue = "-1",
            description = "Replicas of each partition (default: the cluster's default.replication.factor; 3 in production).")
    short replicationFactor;

    @Override
    public Integer call() {
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, got " + partitions);
        }
        try (Admin admin = Admin.create(kafka.layered(Map.of()))) {
            final List<String> created = TopicAdmin.ensureTopics(admin, Topics.ALL, partitions, replicationFactor,
                    Duration.ofSeconds(60));
            for (final Topic<?> topic : Topics.ALL) {
                System.out.printf("%-22s %-8s %s%n", topic.name(), created.contains(topic.name()) ? "created" : "exists",
                        topic.purpose());
            }
            return 0;
        }
    }
}
