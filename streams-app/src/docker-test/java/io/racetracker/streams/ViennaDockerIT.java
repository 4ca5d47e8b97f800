package io.racetracker.streams;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The Vienna end-to-end path of {@link ViennaPipelineIT} against Kafka in a container, for users with Docker:
 * {@code ./mvnw -Pdocker verify}. Skipped, and says so, where no Docker engine runs.
 */
class ViennaDockerIT {

    @Test
    void kipchogeEndsAtHisFinishTimeOnKafkaInAContainer(@TempDir final Path stateDir) throws Exception {
        assumeTrue(DockerClientFactory.instance().isDockerAvailable(), "no Docker engine here: skipped");
        final KafkaContainer container = new KafkaContainer("apache/kafka:4.3.1");
        container.start();
        try (RealKafka kafka = RealKafka.at(container.getBootstrapServers(), container)) {
            ViennaPipelineIT.kipchogeEndsAtHisFinishTime(kafka, stateDir);
        }
    }
}
