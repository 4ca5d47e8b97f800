package io.racetracker.cli;

import io.racetracker.core.model.Models;
import io.racetracker.streams.StreamsSettings;
import io.racetracker.streams.TrackerService;
import io.racetracker.streams.http.DashboardServer;
import io.racetracker.streams.http.HttpOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "streams", mixinStandardHelpOptions = true,
        description = {"Run the tracker's Kafka Streams app until stopped with Ctrl-C.",
            "Reads race-splits, race-athletes and race-courses; writes athlete-projections, athlete-state and"
                + " race-dead-letters, exactly once.",
            "Serves the live dashboard, interactive queries (/athletes/ID, /races/RACE/leaderboard), server-sent"
                + " events (/events) and Prometheus metrics (/metrics) on http://127.0.0.1:8080/ unless told otherwise."})
final class StreamsCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Mixin
    HttpFlags http;

    @Mixin
    GuaranteeFlags guarantees;

    @Override
    public Integer call() throws Exception {
        final Properties config = kafka.layered(StreamsSettings.defaults(kafka.bootstrapServerOrDefault()));
        guarantees.check(config);
        final HttpOptions httpOptions = http.options();
        advertise(config, httpOptions);
        try (Closer closer = Closer.withShutdownHook()) {
            TopicSetup.ensure(config);
            final TrackerService service = closer.register(new TrackerService(config, Models.live()));
            service.start(Duration.ofSeconds(120));
            final DashboardServer dashboard = closer.register(DashboardServer.start(httpOptions, config, service));
            System.out.printf("Streams app %s running against %s. Press Ctrl-C to stop.%n",
                    config.getProperty("application.id"), config.getProperty("bootstrap.servers"));
            System.out.printf("Dashboard: %s%n", dashboard.url(httpOptions.host()));
            return exitWhenStopped(service);
        }
    }

    /**
     * Runs until Ctrl-C, or until the streams client stops on its own: a process that serves HTTP but processes
     * nothing would look alive to everyone, so it exits 1 and its service manager starts it again.
     */
    static int exitWhenStopped(final TrackerService service) throws InterruptedException, ExecutionException {
        final String what = service.failure().get();
        System.err.println("race-tracker: the streams app stopped processing (" + what + "); exiting with code 1 so"
                + " that it can be restarted");
        return 1;
    }

    /**
     * Tells the other instances where this one answers queries ({@code application.server}), so that any instance
     * can route a query to the owner of its key: the dashboard's own address, with this machine's name when it
     * listens on every address (as in a container), unless given, or unknowable here because the port is picked at
     * start (set {@code -X application.server=HOST:PORT} then).
     */
    private static void advertise(final Properties config, final HttpOptions httpOptions) throws UnknownHostException {
        if (config.containsKey(StreamsConfig.APPLICATION_SERVER_CONFIG) || httpOptions.port() == 0) {
            return;
        }
        final String host = httpOptions.host().equals("0.0.0.0") || httpOptions.host().equals("::")
                ? InetAddress.getLocalHost().getHostName() : httpOptions.host();
        config.setProperty(StreamsConfig.APPLICATION_SERVER_CONFIG, host + ":" + httpOptions.port());
    }
}
