package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The race-day defaults reach the clients Kafka Streams makes from them, and a flag still overrides them. */
class StreamsSettingsTest {

    private static Map<String, Object> producerConfigs(final Properties props) {
        return new StreamsConfig(props).getProducerConfigs("race-tracker-test-producer");
    }

    @Test
    void theStreamThreadsProducersBatchAPartitionsOutputsIn128Kilobytes() {
        final Properties props = StreamsSettings.layered("127.0.0.1:9092", null, Map.of(), Map.of());
        assertEquals("131072", String.valueOf(producerConfigs(props).get(ProducerConfig.BATCH_SIZE_CONFIG)));
    }

    @Test
    void aFlagOverridesTheBatchSizeWithOrWithoutTheProducersPrefix() {
        for (final String key : new String[] {ProducerConfig.BATCH_SIZE_CONFIG,
                StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG)}) {
            final Properties props = StreamsSettings.layered("127.0.0.1:9092", null, Map.of(), Map.of(key, "16384"));
            assertEquals("16384", String.valueOf(producerConfigs(props).get(ProducerConfig.BATCH_SIZE_CONFIG)), key);
        }
    }
}
