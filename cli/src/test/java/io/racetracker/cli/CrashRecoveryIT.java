package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.cli.verify.Books;
import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.model.Models;
import io.racetracker.core.topic.Topics;
import io.racetracker.streams.StreamsSettings;
import io.racetracker.streams.TrackerTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once through crashes: the streams app is killed (SIGKILL) three times in the middle of a mass race and
 * restarted each time; what read_committed readers see per athlete must equal a run without crashes: nothing
 * missing, nothing doubled, state restored from the changelogs.
 */
class CrashRecoveryIT {
    private static final Duration DEADLINE = Duration.ofMinutes(4);

    @Test
    void killedThreeTimesMidRaceAndTheOutputsAreThoseOfACleanRun(@TempDir final Path dir) throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir)) {
            final Launcher producer = cluster.start("produce", "--scenario", "mass", "--runners", "1000", "--seed", "11",
                    "--speed", "720", "--bootstrap-server", cluster.bootstrap);
            Launcher streams = cluster.startStreams();
            for (int crash = 0; crash < 3; crash++) {
                awaitProgress(cluster, 400);
                cluster.kill(streams);
                streams = cluster.startStreams();
            }
            assertEquals(0, producer.awaitExit(DEADLINE), producer.output());

            final long deadline = System.nanoTime() + DEADLINE.toNanos();
            Books books = Books.read(cluster.clientProps(), Duration.ofMinutes(1));
            while (!books.balance()) {
                assertTrue(System.nanoTime() < deadline, "the books never balanced: " + books.byRace());
                TimeUnit.SECONDS.sleep(1);
                books = Books.read(cluster.clientProps(), Duration.ofMinutes(1));
            }

            final Map<String, List<AthleteProjection>> crashed = Outputs.byKey(cluster.clientProps(), Topics.ATHLETE_PROJECTIONS);
            final Map<String, List<AthleteProjection>> clean = cleanRun(cluster.clientProps(), dir.resolve("reference"));
            assertEquals(clean.keySet(), crashed.keySet());
            for (final String athlete : clean.keySet()) {
                assertEquals(clean.get(athlete), crashed.get(athlete), "projections of " + athlete);
            }
            assertTrue(clean.values().stream().mapToInt(List::size).sum() > 5_000, "a real mass race went through");
        }
    }

    /** Waits until committed projections grow by {@code records} from now. */
    private static void awaitProgress(final LocalCluster cluster, final long records) throws InterruptedException {
        final long start = Outputs.committedEnd(cluster.clientProps(), Topics.ATHLETE_PROJECTIONS.name());
        final long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (Outputs.committedEnd(cluster.clientProps(), Topics.ATHLETE_PROJECTIONS.name()) < start + records) {
            assertTrue(System.nanoTime() < deadline, "no progress on athlete-projections");
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** The same inputs through the same topology in the test driver: what a run without crashes writes. */
    private static Map<String, List<AthleteProjection>> cleanRun(final Properties client, final Path stateDir) throws Exception {
        final Properties props = new Properties();
        props.putAll(StreamsSettings.defaults("unused:9092"));
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(stateDir).toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(TrackerTopology.build(Models.live(), props), props,
                Instant.parse("2026-01-01T00:00:00Z"))) {
            for (final String topic : List.of(Topics.RACE_COURSES.name(), Topics.RACE_ATHLETES.name(), Topics.RACE_SPLITS.name())) {
                final TestInputTopic<String, byte[]> input = driver.createInputTopic(topic, Serdes.String().serializer(),
                        Serdes.ByteArray().serializer());
                for (final ConsumerRecord<String, byte[]> record : Outputs.all(client, topic)) {
                    input.pipeInput(record.key(), record.value(), record.timestamp());
                }
            }
            return driver.createOutputTopic(Topics.ATHLETE_PROJECTIONS.name(), Serdes.String().deserializer(),
                            Topics.ATHLETE_PROJECTIONS.valueSerde()).readKeyValuesToList().stream()
                    .collect(Collectors.groupingBy(kv -> kv.key, Collectors.mapping(kv -> kv.value, Collectors.toList())));
        }
    }
}
