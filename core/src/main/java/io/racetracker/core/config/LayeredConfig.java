package io.racetracker.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Configuration in layers, each overriding the one before: built-in defaults, then a properties file, then
 * environment variables, then command-line flags. Any Kafka client property can be set in any layer, security
 * settings included.
 *
 * <p>Environment variables named {@code KAFKA_SOME_PROPERTY} become {@code some.property}, as in the Kafka
 * container images ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code KAFKA_SASL_JAAS_CONFIG}, ...).
 */
public final class LayeredConfig {
    public static final String ENV_PREFIX = "KAFKA_";

    private final Properties props = new Properties();

    private LayeredConfig() {
    }

    public static LayeredConfig defaults(final Map<String, ?> defaults) {
        final LayeredConfig config = new LayeredConfig();
        defaults.forEach((k, v) -> config.props.setProperty(k, String.valueOf(v)));
        return config;
    }

    /**
     * @throws IllegalArgumentException when the file is named but missing or unreadable
     */
    public LayeredConfig file(final Path file) {
        if (file == null) {
            return this;
        }
        final Properties fromFile = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            fromFile.load(in);
        } catch (final NoSuchFileException e) {
            throw new IllegalArgumentException("config file " + file + " does not exist", e);
        } catch (final IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        fromFile.stringPropertyNames().forEach(k -> props.setProperty(k, fromFile.getProperty(k).trim()));
        return this;
    }

    public LayeredConfig environment(final Map<String, String> env) {
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                props.setProperty(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return this;
    }

    /** Command-line flags: the last word. Null values are ignored (a flag that was not given). */
    public LayeredConfig overrides(final Map<String, ?> overrides) {
        overrides.forEach((k, v) -> {
            if (v != null) {
                props.setProperty(k, String.valueOf(v));
            }
        });
        return this;
    }

    public Properties toProperties() {
        final Properties copy = new Properties();
        copy.putAll(props);
        return copy;
    }
}
