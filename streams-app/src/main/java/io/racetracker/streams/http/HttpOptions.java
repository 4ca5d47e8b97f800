package io.racetracker.streams.http;

/**
 * Where the dashboard listens.
 *
 * @param host address to bind; 127.0.0.1 by default, so that nothing outside this machine can reach it
 * @param port port to bind; 0 picks a free one
 */
public record HttpOptions(String host, int port) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public HttpOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("--http-host must not be empty");
        }
    }
}
