package io.racetracker.streams;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.racetracker.core.topic.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The committed JSON Schemas of the topics (docs/schemas/), read from the project, formats asserted. */
final class TopicSchemaFiles {
    /** docs/schemas of the project, from the streams-app module's directory. */
    static final Path DIR = Path.of("..", "docs", "schemas");

    private TopicSchemaFiles() {
    }

    static Path file(final Topic<?> topic) {
        return DIR.resolve(topic.name() + ".schema.json");
    }

    static String text(final Topic<?> topic) {
        try {
            return Files.readString(file(topic), StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema of a topic's value; {@code date-time} and other formats are checked, not only noted. */
    static Schema of(final Topic<?> topic) {
        return compile(text(topic));
    }

    static Schema compile(final String schema) {
        final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        return registry.getSchema(schema, InputFormat.JSON);
    }
}
