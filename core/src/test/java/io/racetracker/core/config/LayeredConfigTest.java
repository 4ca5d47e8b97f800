package io.racetracker.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayeredConfigTest {

    @Test
    void eachLayerOverridesTheOneBefore(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("client.properties");
        Files.writeString(file, "bootstrap.servers=file:9092\nsecurity.protocol=SASL_SSL\nlinger.ms=5\n");

        final Properties props = LayeredConfig.defaults(Map.of("bootstrap.servers", "default:9092", "acks", "all",
                        "linger.ms", 20))
                .file(file)
                .environment(Map.of("KAFKA_LINGER_MS", "50", "KAFKA_SASL_MECHANISM", "PLAIN", "HOME", "/root"))
                .overrides(Map.of("linger.ms", "70"))
                .toProperties();

        assertEquals("all", props.getProperty("acks"), "default kept");
        assertEquals("file:9092", props.getProperty("bootstrap.servers"), "file over default");
        assertEquals("SASL_SSL", props.getProperty("security.protocol"), "any client property passes through");
        assertEquals("PLAIN", props.getProperty("sasl.mechanism"), "KAFKA_* variables become properties");
        assertEquals("70", props.getProperty("linger.ms"), "flag over environment over file over default");
        assertTrue(props.getProperty("home") == null, "only KAFKA_ variables are read");
    }

    @Test
    void aMissingFileIsAClearError(@TempDir final Path dir) {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> LayeredConfig.defaults(Map.of()).file(dir.resolve("nope.properties")));
        assertEquals("config file " + dir.resolve("nope.properties") + " does not exist", error.getMessage());
    }

    @Test
    void flagsNotGivenLeaveLowerLayersAlone() {
        final HashMap<String, Object> flags = new HashMap<>();
        flags.put("acks", null);
        assertEquals("all", LayeredConfig.defaults(Map.of("acks", "all")).overrides(flags).toProperties()
                .getProperty("acks"));
    }

    @Test
    void variablesUseTheKafkaImagesEscapes() {
        final Properties props = LayeredConfig.defaults(Map.of())
                .environment(Map.of(
                        "KAFKA_SASL_JAAS_CONFIG", "jaas",
                        "KAFKA_SOME__PROP", "underscore",
                        "KAFKA_A___B", "dash",
                        "KAFKA_MAIN_CONSUMER_GROUP___INSTANCE__ID", "all three",
                        "KAFKA_", "nothing"))
                .toProperties();

        assertEquals("jaas", props.getProperty("sasl.jaas.config"), "_ is a dot");
        assertEquals("underscore", props.getProperty("some_prop"), "__ is an underscore");
        assertEquals("dash", props.getProperty("a-b"), "___ is a dash");
        assertEquals("all three", props.getProperty("main.consumer.group-instance_id"));
        assertEquals(4, props.size(), "a bare KAFKA_ is no property: " + props);
    }

    @Test
    void theScriptsAndJvmVariablesAreNotClientProperties() {
        final Map<String, String> env = new HashMap<>();
        for (final String name : List.of("KAFKA_OPTS", "KAFKA_HEAP_OPTS", "KAFKA_JVM_PERFORMANCE_OPTS",
                "KAFKA_LOG4J_OPTS", "KAFKA_JMX_OPTS", "KAFKA_DEBUG", "KAFKA_GC_LOG_OPTS", "KAFKA_VERSION", "KAFKA_HOME",
                "KAFKA_LOG_DIR",
                // what Kubernetes sets for a service named kafka
                "KAFKA_SERVICE_HOST", "KAFKA_SERVICE_PORT", "KAFKA_SERVICE_PORT_BROKER", "KAFKA_PORT",
                "KAFKA_PORT_9092_TCP", "KAFKA_PORT_9092_TCP_ADDR")) {
            env.put(name, "x");
            assertTrue(LayeredConfig.propertyName(name).isEmpty(), name);
        }
        env.put("KAFKA_CLIENT_ID", "tracker");

        final Properties props = LayeredConfig.defaults(Map.of()).environment(env).toProperties();

        assertEquals(Map.of("client.id", "tracker"), Map.copyOf(props), "only client properties are taken");
    }
}
