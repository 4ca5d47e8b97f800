package io.racetracker.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        final java.util.HashMap<String, Object> flags = new java.util.HashMap<>();
        flags.put("acks", null);
        assertEquals("all", LayeredConfig.defaults(Map.of("acks", "all")).overrides(flags).toProperties()
                .getProperty("acks"));
    }
}
