package io.racetracker.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings that lower the race-day guarantees are found in any layer, each with what it weakens. */
class WeakerGuaranteesTest {
    private static final Map<String, Object> SAFE_DEFAULTS = Map.of("processing.guarantee", "exactly_once_v2",
            "consumer.isolation.level", "read_committed");

    @Test
    void theSafeDefaultsWeakenNothing() {
        assertEquals(List.of(), WeakerGuarantees.in(LayeredConfig.defaults(SAFE_DEFAULTS)
                .overrides(Map.of("acks", "all", "enable.idempotence", "true", "linger.ms", "5")).toProperties()));
    }

    @Test
    void atLeastOnceFromAFlagIsFoundAndSaysItGivesUpExactlyOnce() {
        final List<String> found = WeakerGuarantees.in(LayeredConfig.defaults(SAFE_DEFAULTS)
                .overrides(Map.of("processing.guarantee", "at_least_once")).toProperties());
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("processing.guarantee=at_least_once gives up exactly-once"), found.get(0));
    }

    @Test
    void acksOneFromAnEnvironmentVariableIsFound() {
        final List<String> found = WeakerGuarantees.in(LayeredConfig.defaults(SAFE_DEFAULTS)
                .environment(Map.of("KAFKA_ACKS", "1")).toProperties());
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("acks=1 lets a write be acknowledged"), found.get(0));
    }

    @Test
    void producerPrefixedSettingsFromAConfigFileAreFound(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("client.properties");
        Files.writeString(file, "producer.acks=0\nproducer.enable.idempotence=false\n");
        final List<String> found = WeakerGuarantees.in(LayeredConfig.defaults(SAFE_DEFAULTS).file(file).toProperties());
        assertEquals(2, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("producer.acks=0"), found.get(0));
        assertTrue(found.get(1).startsWith("producer.enable.idempotence=false lets a retried send write a read twice"),
                found.get(1));
    }

    @Test
    void readUncommittedOverridingTheAppsReadCommittedIsFound() {
        final Properties props = LayeredConfig.defaults(SAFE_DEFAULTS)
                .overrides(Map.of("consumer.isolation.level", "read_uncommitted")).toProperties();
        final List<String> found = WeakerGuarantees.in(props);
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).startsWith("consumer.isolation.level=read_uncommitted reads records of transactions"
                + " that were aborted"), found.get(0));
    }

    @Test
    void disabledIdempotenceFromAnEnvironmentVariableIsFound() {
        final List<String> found = WeakerGuarantees.in(LayeredConfig.defaults(SAFE_DEFAULTS)
                .environment(Map.of("KAFKA_ENABLE_IDEMPOTENCE", "false")).toProperties());
        assertEquals(List.of("enable.idempotence=false lets a retried send write a read twice"), found);
    }
}
