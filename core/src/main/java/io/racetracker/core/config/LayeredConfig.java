package io.racetracker.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Configuration in layers, each overriding the one before: built-in defaults, then a properties file, then
 * environment variables, then command-line flags. Any Kafka client property can be set in any layer, security
 * settings included.
 *
 * <p>Environment variables named {@code KAFKA_SOME_PROPERTY} become {@code some.property}, as in the apache/kafka
 * container image ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code KAFKA_SASL_JAAS_CONFIG}, ...), with the image's escapes
 * for the characters a variable name cannot hold: {@code _} is a {@code .}, {@code __} an {@code _} and {@code ___}
 * a {@code -} ({@code KAFKA_MAIN_CONSUMER_GROUP___INSTANCE__ID} is {@code main.consumer.group-instance_id}). The
 * variables that configure the JVM or Kafka's scripts rather than a client ({@link #NOT_CLIENT_PROPERTIES}), and
 * those Kubernetes sets for a service named kafka, are not client properties and are skipped.
 */
public final class LayeredConfig {
    public static final String ENV_PREFIX = "KAFKA_";

    /**
     * {@code KAFKA_*} variables that are not client properties: read by the JVM's and Kafka's own launch scripts
     * ({@code kafka-run-class.sh}: options, heap, GC logging, JMX, remote debugging, log4j, log directory) and by the
     * Kafka container images (version, home, log4j levels). Taken as properties they would reach the clients as
     * unknown settings ({@code opts}, {@code heap.opts}, ...), or worse.
     */
    public static final Set<String> NOT_CLIENT_PROPERTIES = Set.of(
            "KAFKA_OPTS",                   // extra JVM options for Kafka's scripts
            "KAFKA_HEAP_OPTS",              // -Xmx/-Xms for Kafka's scripts
            "KAFKA_JVM_PERFORMANCE_OPTS",   // GC and JIT flags for Kafka's scripts
            "KAFKA_GC_LOG_OPTS",            // GC log flags for Kafka's scripts
            "KAFKA_LOG4J_OPTS",             // log4j configuration file for Kafka's scripts
            "KAFKA_LOG_DIR",                // where Kafka's scripts write their own log files (not log.dirs)
            "KAFKA_JMX_OPTS",               // JMX agent flags for Kafka's scripts
            "KAFKA_JMX_PORT",               // JMX port, in some images
            "KAFKA_JMX_HOSTNAME",           // JMX hostname, in some images
            "KAFKA_DEBUG",                  // kafka-run-class.sh: start with a remote debugger
            "KAFKA_DEBUG_SUSPEND_FLAG",     // ... and whether to wait for it
            "KAFKA_VERSION",                // set by the container images
            "KAFKA_HOME",                   // where Kafka is installed
            "KAFKA_LOG4J_ROOT_LOGLEVEL",    // the images' log level settings
            "KAFKA_LOG4J_LOGGERS",
            "KAFKA_TOOLS_LOG4J_LOGLEVEL");

    /**
     * Kubernetes gives every pod {@code <SERVICE>_SERVICE_HOST}, {@code <SERVICE>_PORT}, {@code <SERVICE>_PORT_9092_TCP}
     * ... for each service in its namespace; a service named {@code kafka} would otherwise set {@code port} and
     * {@code service.host} on every client.
     */
    private static final Pattern KUBERNETES_SERVICE = Pattern.compile("KAFKA_(SERVICE_(HOST|PORT)\\w*|PORT(_\\w+)?)");

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
        env.forEach((name, value) -> propertyName(name).ifPresent(key -> props.setProperty(key, value)));
        return this;
    }

    /**
     * The client property an environment variable sets, the way the apache/kafka image reads them: {@code ___} is
     * {@code -}, then {@code __} is {@code _}, then {@code _} is {@code .}, all lower case. Empty for a variable that
     * is not a client property.
     */
    public static Optional<String> propertyName(final String variable) {
        if (!variable.startsWith(ENV_PREFIX) || variable.length() == ENV_PREFIX.length()
                || NOT_CLIENT_PROPERTIES.contains(variable) || KUBERNETES_SERVICE.matcher(variable).matches()) {
            return Optional.empty();
        }
        final String escaped = variable.substring(ENV_PREFIX.length())
                .replace("___", "-").replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
        return Optional.of(escaped.toLowerCase(Locale.ROOT));
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
