package io.racetracker.cli;

import io.racetracker.core.config.LayeredConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/** Options every command shares: where Kafka is and any client property to pass through. */
public final class KafkaOptions {
    static final String DEFAULT_BOOTSTRAP = "127.0.0.1:29092";

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
            description = "Kafka to use (default " + DEFAULT_BOOTSTRAP + "; the demo starts its own broker when this is not given).")
    public String bootstrapServer;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Kafka client properties file (security settings, for example), applied over the defaults.")
    Path configFile;

    @Option(names = {"-X", "--kafka-property"}, paramLabel = "KEY=VALUE",
            description = "Any Kafka client property, applied last, e.g. -X security.protocol=SASL_SSL. Repeatable.")
    Map<String, String> properties = new LinkedHashMap<>();

    public String bootstrapServerOrDefault() {
        return bootstrapServer != null ? bootstrapServer : DEFAULT_BOOTSTRAP;
    }

    /** Client properties: the given defaults, then --config, then KAFKA_* variables, then -X flags. */
    public Properties layered(final Map<String, ?> defaults) {
        return layered(defaults, System.getenv());
    }

    Properties layered(final Map<String, ?> defaults, final Map<String, String> env) {
        final Map<String, Object> base = new LinkedHashMap<>(defaults);
        base.put("bootstrap.servers", bootstrapServerOrDefault());
        final Map<String, Object> flags = new LinkedHashMap<>(properties);
        if (bootstrapServer != null) {
            flags.put("bootstrap.servers", bootstrapServer);
        }
        return LayeredConfig.defaults(base).file(configFile).environment(env).overrides(flags).toProperties();
    }

    /** Properties as a string map, for the layers that take one. */
    public static Map<String, String> asMap(final Properties props) {
        final Map<String, String> map = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
        return map;
    }
}
