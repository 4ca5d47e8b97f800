package io.racetracker.streams.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The dashboard's files: a fixed list of names, each read once from the classpath. A request for anything else,
 * however it is spelled or encoded, finds nothing: no path from a request ever reaches a resource lookup.
 */
final class Assets {
    /** One servable file. */
    record Asset(String contentType, byte[] bytes) {
    }

    private final Map<String, Asset> byName;

    private Assets(final Map<String, Asset> byName) {
        this.byName = byName;
    }

    static Assets load() {
        final String chartJs = "META-INF/resources/webjars/chart.js/" + webjarVersion("chart.js") + "/dist/chart.umd.js";
        return new Assets(Map.of(
                "index.html", asset("dashboard/index.html", "text/html; charset=utf-8"),
                "overlay-lower-third.html", asset("dashboard/overlay-lower-third.html", "text/html; charset=utf-8"),
                "overlay-leaderboard.html", asset("dashboard/overlay-leaderboard.html", "text/html; charset=utf-8"),
                "common.js", asset("dashboard/common.js", "text/javascript; charset=utf-8"),
                "overlay.js", asset("dashboard/overlay.js", "text/javascript; charset=utf-8"),
                "overlay.css", asset("dashboard/overlay.css", "text/css; charset=utf-8"),
                "app.js", asset("dashboard/app.js", "text/javascript; charset=utf-8"),
                "app.css", asset("dashboard/app.css", "text/css; charset=utf-8"),
                "chart.umd.js", asset(chartJs, "text/javascript; charset=utf-8")));
    }

    /** The OpenAPI document of the HTTP API, {@code GET /openapi.json}. */
    static Asset openApi() {
        return asset("openapi.json", "application/json; charset=utf-8");
    }

    Optional<Asset> get(final String name) {
        return Optional.ofNullable(byName.get(name));
    }

    private static Asset asset(final String resource, final String contentType) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("dashboard asset " + resource + " is missing from the classpath");
            }
            return new Asset(contentType, in.readAllBytes());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String webjarVersion(final String artifact) {
        final String resource = "META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the " + artifact + " webjar is missing from the classpath");
            }
            final Properties props = new Properties();
            props.load(in);
            return props.getProperty("version");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
