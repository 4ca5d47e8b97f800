package io.racetracker.cli;

import io.racetracker.core.model.Models;
import io.racetracker.core.topic.Topics;
import io.racetracker.producer.ProducerSettings;
import io.racetracker.producer.RaceReplayer;
import io.racetracker.producer.scenario.Scenario;
import io.racetracker.producer.scenario.Scenarios;
import io.racetracker.streams.StreamsSettings;
import io.racetracker.streams.TrackerService;
import io.racetracker.streams.http.DashboardServer;
import io.racetracker.streams.http.HttpOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole tracker live in one command: starts a local Kafka broker (unless --bootstrap-server"
                + " is given), creates the topics, starts the streams app and replays a race, printing each athlete's"
                + " pace and projected finish as the mats read them.",
            "Ctrl-C stops everything and leaves no process behind."})
final class DemoCommand implements Callable<Integer> {
    /** After the last read, how long outputs may take to appear before --until-finish gives up. */
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(2);

    @Mixin
    KafkaOptions kafka;

    @Mixin
    HttpFlags http;

    @Mixin
    GuaranteeFlags guarantees;

    @Option(names = "--scenario", paramLabel = "NAME", defaultValue = "vienna-2019",
            description = "The race to replay: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).",
            completionCandidates = ProduceCommand.ScenarioNames.class)
    String scenario;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "60",
            description = "Replay at X times real time (default ${DEFAULT-VALUE}: Vienna takes two minutes).")
    double speed;

    @Option(names = "--until-finish", description = "Exit 0 once every athlete has finished and every output is written.")
    boolean untilFinish;

    @Override
    public Integer call() throws Exception {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("--speed must be > 0, got " + speed);
        }
        final Scenario race = Scenarios.byName(scenario);
        guarantees.check(kafka.layered(demoStreamsDefaults(kafka.bootstrapServerOrDefault(), Path.of("unused"))));
        try (Closer closer = Closer.withShutdownHook()) {
            final Path workDir = Files.createTempDirectory("race-tracker-demo-");
            closer.register(() -> deleteRecursively(workDir));
            final String bootstrap;
            if (kafka.bootstrapServer == null) {
                final int port = LocalKafka.freePortPair(29092);
                System.out.printf("Starting a local Kafka broker on 127.0.0.1:%d ...%n", port);
                bootstrap = closer.register(LocalKafka.start(workDir.resolve("broker"), port,
                        Files.createDirectories(workDir).resolve("broker.log"))).bootstrapServers();
                kafka.bootstrapServer = bootstrap;
            } else {
                bootstrap = kafka.bootstrapServer;
            }
            final Properties clientProps = kafka.layered(Map.of());
            TopicSetup.ensure(clientProps);

            final Properties streamsProps = kafka.layered(demoStreamsDefaults(bootstrap, workDir));
            System.out.printf("Starting the streams app (%s) ...%n", streamsProps.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
            final TrackerService service = closer.register(new TrackerService(streamsProps, Models.live()));
            service.start(Duration.ofSeconds(120));
            final DashboardServer dashboard = closer.register(startDashboard(streamsProps, service));
            System.out.printf("Dashboard: %s%n", dashboard.url(http.host));

            final LiveView view = new LiveView(System.out, race.finishers());
            closer.register(new TopicWatcher(clientProps,
                    List.of(Topics.ATHLETE_PROJECTIONS, Topics.RACE_ALERTS, Topics.RACE_RESULTS), view));
            System.out.printf("Replaying %s at %sx real time: %d athletes, %d mat reads. Kafka at %s.%n%n",
                    race.course().name(), speed, race.athletes().size(), race.readCount(), bootstrap);

            final KafkaProducer<String, byte[]> producer = closer.register(new KafkaProducer<>(
                    ProducerSettings.of(bootstrap, KafkaOptions.asMap(clientProps))));
            new RaceReplayer(producer).replay(race, speed, (sent, latest) -> {
                if (service.failure().isDone()) {
                    throw new IllegalStateException("the streams app stopped processing ("
                            + service.failure().getNow("") + "); the replay stops here");
                }
            });

            if (untilFinish) {
                return awaitFinish(view, race, service);
            }
            System.out.printf("%nReplay finished. Topics stay readable at %s while this runs; Ctrl-C to stop.%n", bootstrap);
            return StreamsCommand.exitWhenStopped(service);
        }
    }

    /** On the port asked for; without --port, on 8080 or, when that is taken, on any free port. */
    private DashboardServer startDashboard(final Properties streamsProps, final TrackerService service) {
        final HttpOptions options = http.options();
        try {
            return DashboardServer.start(options, streamsProps, service);
        } catch (final IllegalStateException e) {
            if (http.portGiven()) {
                throw e;
            }
            return DashboardServer.start(new HttpOptions(options.host(), 0), streamsProps, service);
        }
    }

    private static int awaitFinish(final LiveView view, final Scenario race, final TrackerService service)
            throws InterruptedException {
        final long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (view.awaitAllDone(1_000)) {
                System.out.printf("%nAll %d finishers of %s are in, with their results. Done.%n", race.finishers(), race.name());
                return 0;
            }
            if (service.failure().isDone()) {
                System.err.println("race-tracker: the streams app stopped processing (" + service.failure().getNow("")
                        + "); exiting with code 1");
                return 1;
            }
        }
        System.err.printf("%nWithin %s of the last read, %d of %d finishers appeared on athlete-projections and %d on"
                + " race-results.%n", SETTLE_TIMEOUT, view.finishedCount(), race.finishers(), view.resultCount());
        return 1;
    }

    /** A fresh application per demo run, with its state in the demo's own directory, removed on exit. */
    private static Map<String, Object> demoStreamsDefaults(final String bootstrap, final Path workDir) {
        final Map<String, Object> defaults = new HashMap<>(StreamsSettings.defaults(bootstrap));
        defaults.put(StreamsConfig.APPLICATION_ID_CONFIG, "race-tracker-demo-" + System.currentTimeMillis());
        defaults.put(StreamsConfig.STATE_DIR_CONFIG, workDir.resolve("streams").toString());
        return defaults;
    }

    private static void deleteRecursively(final Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
