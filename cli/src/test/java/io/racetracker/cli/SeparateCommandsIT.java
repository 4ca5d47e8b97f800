package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tracker as separate processes, as the README shows them: {@code broker} in one shell, {@code streams} and
 * {@code produce} in others, and Kafka's console consumer reading {@code athlete-projections}.
 */
class SeparateCommandsIT {

    @Test
    void brokerStreamsProduceAndConsoleConsumer(@TempDir final Path dir) throws Exception {
        final String bootstrap = "127.0.0.1:" + LocalCluster.freePortPair();
        try (Launcher broker = Launcher.start(dir, "broker", "broker", "--bootstrap-server", bootstrap,
                "--data-dir", dir.resolve("data").toString())) {
            broker.awaitOutput(out -> out.contains("Kafka broker running on " + bootstrap), Duration.ofMinutes(2));

            try (Launcher streams = Launcher.start(dir, "streams", "streams", "--bootstrap-server", bootstrap, "--port", "0",
                    "-X", "state.dir=" + dir.resolve("state"), "-X", "application.id=separate-commands-it")) {
                streams.awaitOutput(out -> out.contains("running against " + bootstrap), Duration.ofMinutes(2));

                try (Launcher produce = Launcher.start(dir, "produce", "produce", "--scenario", "vienna-2019",
                        "--speed", "500", "--bootstrap-server", bootstrap)) {
                    assertEquals(0, produce.awaitExit(Duration.ofMinutes(2)), produce.output());
                    assertTrue(produce.output().contains(" 158 reads (0 of them late), 0 duplicates, 0 malformed"),
                            produce.output());
                }

                try (Launcher consumer = Launcher.start(dir, "consumer", "console-consumer", "--bootstrap-server",
                        bootstrap, "--topic", "athlete-projections", "--from-beginning", "--property", "print.key=true",
                        "--max-messages", "158", "--timeout-ms", "60000")) {
                    assertEquals(0, consumer.awaitExit(Duration.ofMinutes(2)), consumer.output());
                    final List<String> lines = consumer.output().lines()
                            .filter(line -> line.startsWith("vienna-2019/eliud-kipchoge\t{")).toList();
                    assertEquals(18, lines.size(), "10 splits and 8 lap mats: " + consumer.output());
                    final String finish = lines.get(lines.size() - 1);
                    assertTrue(finish.contains("\"projectedFinishMs\":7180200"), finish);
                    assertTrue(finish.contains("\"projectedFinish\":\"1:59:40\""), finish);
                }
            }
        }
    }
}
