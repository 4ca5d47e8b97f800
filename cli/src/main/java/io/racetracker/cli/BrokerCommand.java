package io.racetracker.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "broker", mixinStandardHelpOptions = true,
        description = {"Run a real single-node Kafka broker (KRaft) on 127.0.0.1 until stopped with Ctrl-C.",
            "Creates the tracker's topics once it is up. The controller listens on the port above the broker's."})
final class BrokerCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the broker keeps its data (default: ${DEFAULT-VALUE}).")
    Path dataDir = LocalKafka.home().resolve(".race-tracker/broker");

    @Override
    public Integer call() throws Exception {
        final String address = kafka.bootstrapServerOrDefault();
        final int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        try (Closer closer = Closer.withShutdownHook()) {
            final LocalKafka broker = closer.register(LocalKafka.start(dataDir, port, null));
            final List<String> created = TopicSetup.ensure(kafka.layered(Map.of()));
            System.out.printf("Kafka broker running on %s (data in %s)%s%nPress Ctrl-C to stop.%n",
                    broker.bootstrapServers(), dataDir, created.isEmpty() ? "" : "; created topics " + created);
            return broker.waitFor();
        }
    }
}
