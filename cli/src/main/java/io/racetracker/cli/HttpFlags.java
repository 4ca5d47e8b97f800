package io.racetracker.cli;

import io.racetracker.streams.http.HttpOptions;
import picocli.CommandLine.Option;

/** Where the streams app serves its dashboard, queries and metrics. */
final class HttpFlags {
    @Option(names = "--port", paramLabel = "N",
            description = "Port of the dashboard, queries and metrics (default " + HttpOptions.DEFAULT_PORT + "; 0 picks a free one).")
    Integer port;

    @Option(names = "--http-host", paramLabel = "ADDRESS", defaultValue = HttpOptions.DEFAULT_HOST,
            description = "Address the dashboard binds to (default ${DEFAULT-VALUE}: this machine only).")
    String host;

    HttpOptions options() {
        return new HttpOptions(host, port == null ? HttpOptions.DEFAULT_PORT : port);
    }

    /** True when --port was given: a busy port is then an error, not a reason to pick another. */
    boolean portGiven() {
        return port != null;
    }
}
