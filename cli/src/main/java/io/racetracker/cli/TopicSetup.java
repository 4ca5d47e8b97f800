package io.racetracker.cli;

import io.racetracker.core.topic.TopicAdmin;
import io.racetracker.core.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;

/** Creates the contract's topics where they are missing. */
final class TopicSetup {
    private TopicSetup() {
    }

    /** Replication follows the cluster's default.replication.factor: 1 on the local broker, 3 in production. */
    static List<String> ensure(final Properties clientProps) {
        final Properties props = new Properties();
        props.putAll(clientProps);
        try (Admin admin = Admin.create(props)) {
            return TopicAdmin.ensureTopics(admin, Topics.ALL, (short) -1, Duration.ofSeconds(60));
        }
    }
}
