package io.racetracker.core.topic;

import io.racetracker.core.json.JsonSerde;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A topic of the contract: its name, its value type (keys are always strings, built by {@link Keys}), and how it is
 * created.
 *
 * @param name       kebab-case topic name
 * @param valueType  type of the JSON value
 * @param partitions partitions created by {@link TopicAdmin}
 * @param compacted  true for latest-value-per-key topics (registries and state)
 * @param purpose    one line for the README and {@code --help}
 */
public record Topic<V>(String name, Class<V> valueType, int partitions, boolean compacted, String purpose) {

    public JsonSerde<V> valueSerde() {
        return JsonSerde.of(valueType);
    }

    NewTopic newTopic(final int partitionCount, final short replicationFactor) {
        final NewTopic topic = new NewTopic(name, partitionCount, replicationFactor);
        return compacted
                ? topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))
                : topic;
    }
}
