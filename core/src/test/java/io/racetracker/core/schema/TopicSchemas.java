package io.racetracker.core.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import io.racetracker.core.topic.Topic;
import io.racetracker.core.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON Schema (draft 2020-12) of the value of every topic in {@link Topics#ALL}, generated from the records with
 * victools' generator and its Jackson module, so that it reads the records as {@link io.racetracker.core.json.Json}
 * writes them: {@code @JsonProperty(required = true)} fields are required, {@code @JsonValue} enums ({@code Units})
 * list their wire values, {@code @JsonIgnore}d accessors are left out and instants are {@code date-time} strings.
 *
 * <p>Outputs are written by this app only, with every field present (nulls included): their schemas require every
 * field and forbid any other, so that a changed record is caught. Inputs come from timing systems and operators'
 * tools, and the app reads them tolerantly: only the fields the records require are required, other fields are
 * allowed.
 *
 * <p>Kept in test scope: only the build needs it, to write {@code docs/schemas/} and to check that what is committed
 * there is what the records say now ({@code TopicSchemasTest}). Run {@value #REGENERATE} after changing a record.
 */
public final class TopicSchemas {
    /** The command that writes the schemas again. */
    public static final String REGENERATE =
            "./mvnw -B -o -q -pl core -am test -Dtest=TopicSchemasTest -Dsurefire.failIfNoSpecifiedTests=false -Dschemas.write=true";
    private static final ObjectMapper PRINTER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private TopicSchemas() {
    }

    /** The file name of a topic's schema: {@code <topic>.schema.json}. */
    public static String fileName(final Topic<?> topic) {
        return topic.name() + ".schema.json";
    }

    /** Every topic's schema as the text committed under {@code docs/schemas/}, by file name. */
    public static Map<String, String> generate() {
        final SchemaGenerator inputs = generator(false);
        final SchemaGenerator outputs = generator(true);
        final Map<String, String> files = new LinkedHashMap<>();
        for (final Topic<?> topic : Topics.ALL) {
            final boolean written = !Topics.INPUTS.contains(topic);
            final ObjectNode generated = (written ? outputs : inputs).generateSchema(topic.valueType());
            final ObjectNode schema = PRINTER.createObjectNode();
            schema.set("$schema", generated.remove("$schema"));
            schema.put("$id", "https://racetracker.io/schemas/" + fileName(topic));
            schema.put("title", topic.name());
            schema.put("description", "The value of a record on " + topic.name() + " (" + topic.valueType().getSimpleName()
                    + "): " + topic.purpose() + ".");
            schema.setAll(generated);
            files.put(fileName(topic), text(schema));
        }
        return files;
    }

    private static String text(final JsonNode schema) {
        try {
            return PRINTER.writeValueAsString(schema).replace("\r\n", "\n") + "\n";
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SchemaGenerator generator(final boolean output) {
        final SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED,
                        JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE))
                .with(Option.STANDARD_FORMATS, Option.INLINE_ALL_SCHEMAS)
                .without(Option.NONSTATIC_NONVOID_NONGETTER_METHODS, Option.GETTER_METHODS,
                        Option.FIELDS_DERIVED_FROM_ARGUMENTFREE_METHODS);
        if (output) {
            config.with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT);
            config.forFields().withRequiredCheck(field -> !field.isStatic());
        }
        // Json writes nulls: a field may be null unless it is a primitive or the record requires it
        config.forFields().withNullableCheck(field -> !field.getType().isPrimitive() && !required(field));
        return new SchemaGenerator(config.build());
    }

    private static boolean required(final FieldScope field) {
        final JsonProperty property = field.getAnnotationConsideringFieldAndGetter(JsonProperty.class);
        return property != null && property.required();
    }

    /** Writes every topic's schema to {@code dir} (by default {@code docs/schemas} of the project). */
    public static void main(final String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "docs/schemas"));
    }

    static void write(final Path dir) throws IOException {
        Files.createDirectories(dir);
        for (final Map.Entry<String, String> file : generate().entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
    }
}
