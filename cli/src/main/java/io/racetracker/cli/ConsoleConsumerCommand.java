package io.racetracker.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

@Command(name = "console-consumer",
        description = {"Kafka's own kafka-console-consumer; every argument is passed through (try --help).",
            "Adds --bootstrap-server " + KafkaOptions.DEFAULT_BOOTSTRAP + " and --isolation-level read_committed"
                + " unless given.",
            "Example: console-consumer --topic athlete-projections --from-beginning --property print.key=true"})
final class ConsoleConsumerCommand implements Callable<Integer> {
    static final String MAIN_CLASS = "org.apache.kafka.tools.consumer.ConsoleConsumer";

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        return LocalKafka.runTool(MAIN_CLASS, withDefaults(args));
    }

    static List<String> withDefaults(final List<String> given) {
        final List<String> args = new ArrayList<>(given);
        if (args.stream().noneMatch(a -> a.startsWith("--bootstrap-server"))) {
            args.addAll(List.of("--bootstrap-server", KafkaOptions.DEFAULT_BOOTSTRAP));
        }
        if (args.stream().noneMatch(a -> a.contains("isolation"))) {
            args.addAll(List.of("--isolation-level", "read_committed"));
        }
        return args;
    }
}
