package io.racetracker.streams.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.racetracker.core.json.Json;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The OpenAPI document served at /openapi.json is OpenAPI 3.1 and its record schemas are the topics' schemas. */
public class OpenApiDocumentTest {
    @Test
    void theDocumentParsesAsOpenApiWithNoMessage() {
        final SwaggerParseResult parsed = parse(new String(Assets.openApi().bytes(), StandardCharsets.UTF_8));
        assertTrue(parsed.getMessages().isEmpty(), String.valueOf(parsed.getMessages()));
        assertEquals("3.1.0", parsed.getOpenAPI().getOpenapi());
    }

    @Test
    void itsRecordSchemasAreTheCommittedTopicSchemas() throws Exception {
        final JsonNode components = Json.mapper().readTree(Assets.openApi().bytes()).path("components").path("schemas");
        assertEquals(topicSchema("athlete-state"), components.get("AthleteProjection"),
                "components.schemas.AthleteProjection of streams-app/src/main/resources/openapi.json must be"
                        + " docs/schemas/athlete-state.schema.json without $schema, $id and title");
        assertEquals(topicSchema("race-leaderboard"), components.get("Leaderboard"),
                "components.schemas.Leaderboard must be docs/schemas/race-leaderboard.schema.json without $schema, $id and title");
    }

    /** Parses an OpenAPI document, references resolved; the result's messages name anything wrong. */
    public static SwaggerParseResult parse(final String document) {
        final ParseOptions options = new ParseOptions();
        options.setResolve(true);
        final SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document, null, options);
        assertNotNull(parsed.getOpenAPI(), "not an OpenAPI document: " + parsed.getMessages());
        return parsed;
    }

    private static JsonNode topicSchema(final String topic) throws Exception {
        final ObjectNode schema = (ObjectNode) Json.mapper().readTree(Files.readString(
                Path.of("..", "docs", "schemas", topic + ".schema.json"), StandardCharsets.UTF_8));
        schema.remove("$schema");
        schema.remove("$id");
        schema.remove("title");
        return schema;
    }
}
