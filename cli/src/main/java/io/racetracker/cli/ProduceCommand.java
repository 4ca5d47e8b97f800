package io.racetracker.cli;

import io.racetracker.producer.ProducerSettings;
import io.racetracker.producer.RaceReplayer;
import io.racetracker.producer.scenario.Scenario;
import io.racetracker.producer.scenario.Scenarios;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "produce", mixinStandardHelpOptions = true,
        description = {"Replay a race onto race-courses, race-athletes and race-splits.",
            "Idempotent, acks=all: a read is never lost or doubled by a retry."})
final class ProduceCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--scenario", paramLabel = "NAME", required = true,
            description = "The race to stage: ${COMPLETION-CANDIDATES}.", completionCandidates = ScenarioNames.class)
    String scenario;

    @ArgGroup(exclusive = true)
    Pace pace = new Pace();

    static final class Pace {
        @Option(names = "--speed", paramLabel = "X", description = "Replay at X times real time (default 1).")
        double speed = 1;

        @Option(names = "--max-rate", description = "Send as fast as the broker takes it.")
        boolean maxRate;

        double effective() {
            return maxRate ? Double.POSITIVE_INFINITY : speed;
        }
    }

    static final class ScenarioNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Scenarios.names().iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        final Scenario race = Scenarios.byName(scenario);
        if (!(pace.effective() > 0)) {
            throw new IllegalArgumentException("--speed must be > 0, got " + pace.speed);
        }
        final Map<String, String> props = KafkaOptions.asMap(kafka.layered(Map.of()));
        try (Closer closer = Closer.withShutdownHook()) {
            TopicSetup.ensure(kafka.layered(Map.of()));
            final Producer<String, byte[]> producer = closer.register(new KafkaProducer<>(
                    ProducerSettings.of(kafka.bootstrapServerOrDefault(), props)));
            System.out.printf("Replaying %s (%d athletes, %d reads) to %s at %s%n", race.name(), race.athletes().size(),
                    race.reads().size(), kafka.bootstrapServerOrDefault(),
                    pace.maxRate ? "maximum rate" : pace.speed + "x real time");
            final RaceReplayer.Summary summary;
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("reads").setInitialMax(race.reads().size())
                    .setStyle(ProgressBarStyle.ASCII).showSpeed().setUpdateIntervalMillis(250).build()) {
                summary = new RaceReplayer(producer).replay(race, pace.effective(), (sent, total, latest) -> bar.stepTo(sent));
            }
            System.out.printf("Sent %s in %.1f s%n", summary.sentByKind(), summary.took().toMillis() / 1000.0);
            return 0;
        }
    }
}
