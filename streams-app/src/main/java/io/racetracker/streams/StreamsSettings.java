package io.racetracker.streams;

import io.racetracker.core.config.LayeredConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The streams app's configuration: defaults, then a properties file, then {@code KAFKA_*} variables, then flags. */
public final class StreamsSettings {
    public static final String DEFAULT_APPLICATION_ID = "race-tracker";
    /** The producers' batch per partition: 128 KB instead of Kafka's 16 KB. */
    static final int BATCH_SIZE_BYTES = 128 * 1024;

    private StreamsSettings() {
    }

    /** Race-day defaults: exactly-once, a thread per core, commits often enough for a live broadcast. */
    public static Map<String, Object> defaults(final String bootstrapServers) {
        return Map.ofEntries(
                Map.entry(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID),
                Map.entry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                Map.entry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2),
                Map.entry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Math.max(1, Math.min(6, Runtime.getRuntime().availableProcessors()))),
                Map.entry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100),
                Map.entry(StreamsConfig.STATE_DIR_CONFIG, Path.of(System.getProperty("java.io.tmpdir"), "race-tracker-streams").toString()),
                // course updates go through the same error handling as everything else
                Map.entry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true),
                // the compacted race-athletes topic doubles as its table's changelog
                Map.entry(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE),
                // a poison record goes to race-dead-letters and processing goes on: no crash loop, nothing dropped
                Map.entry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                        DeadLetterHandlers.Deserialization.class.getName()),
                Map.entry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Processing.class.getName()),
                // an output over the broker's size limit is left out with a dead letter, never a thread-killing loop
                Map.entry(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Production.class.getName()),
                // a graph change can never silently rename a changelog or repartition topic
                Map.entry(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true),
                Map.entry(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed"),
                // a partition's outputs of one commit interval in a few batches, not dozens of 16 KB ones: fewer
                // wake-ups of the producer's sender, fewer requests and batches for the broker (docs/performance.md,
                // "Bigger batches"); nothing waits longer for it, every commit sends what is there
                Map.entry(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_SIZE_BYTES));
    }

    public static Properties layered(final String bootstrapServers, final Path configFile, final Map<String, String> env,
                                     final Map<String, ?> flags) {
        return LayeredConfig.defaults(defaults(bootstrapServers)).file(configFile).environment(env).overrides(flags)
                .toProperties();
    }
}
