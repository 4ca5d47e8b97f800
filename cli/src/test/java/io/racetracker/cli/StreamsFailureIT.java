package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streams} as a service manager runs it: a process that cannot do its job says why and exits non-zero,
 * instead of serving a dashboard over an app that processes nothing.
 */
class StreamsFailureIT {

    @Test
    void streamsExitsNonZeroWhenItsClientStopsForGood(@TempDir final Path dir) throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir)) {
            final Launcher streams = cluster.startStreams();
            try (Admin admin = Admin.create(cluster.clientProps())) {
                // a source topic gone for good: Kafka Streams cannot go on, whatever the thread handler answers
                admin.deleteTopics(List.of(Topics.RACE_SPLITS.name())).all().get();
            }

            final int exit = streams.awaitExit(Duration.ofMinutes(3));

            assertEquals(1, exit, streams.output());
            assertTrue(streams.output().contains("race-tracker: the streams app stopped processing (streams client is "),
                    streams.output());
        }
    }

    @Test
    void aSecondStreamsOnTheSameStateDirectorySaysItIsLockedAndWhatToDo(@TempDir final Path dir) throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir)) {
            cluster.startStreams();
            final Path stateDir = dir.resolve("state-1");
            final Launcher second = cluster.start("streams", "--bootstrap-server", cluster.bootstrap, "--port", "0",
                    "-X", "application.id=reliability-it", "-X", "state.dir=" + stateDir);

            final int exit = second.awaitExit(Duration.ofMinutes(2));

            assertEquals(1, exit, second.output());
            assertTrue(second.output().contains("race-tracker: the state directory " + stateDir + " is locked by another"
                    + " instance of reliability-it on this machine; each instance needs its own -X state.dir=..."),
                    second.output());
            assertFalse(second.output().contains("Kafka did not answer"), second.output());
        }
    }
}
