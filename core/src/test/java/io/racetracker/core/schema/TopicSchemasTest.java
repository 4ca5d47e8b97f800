package io.racetracker.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Correction;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.Sex;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.event.TimingPoint;
import io.racetracker.core.event.Units;
import io.racetracker.core.event.Wave;
import io.racetracker.core.json.Json;
import io.racetracker.core.topic.Topic;
import io.racetracker.core.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The schemas committed under docs/schemas/ are the ones the records give now, and they describe the wire. */
class TopicSchemasTest {
    /** docs/schemas of the project, from the core module's directory. */
    static final Path DIR = Path.of("..", "docs", "schemas");

    @Test
    void committedSchemasAreWhatTheRecordsGiveNow() throws Exception {
        final Map<String, String> generated = TopicSchemas.generate();
        if (Boolean.getBoolean("schemas.write")) {
            TopicSchemas.write(DIR);
        }
        final List<String> stale = new ArrayList<>();
        for (final Map.Entry<String, String> file : generated.entrySet()) {
            final Path path = DIR.resolve(file.getKey());
            if (!Files.exists(path) || !Files.readString(path, StandardCharsets.UTF_8).equals(file.getValue())) {
                stale.add(file.getKey());
            }
        }
        try (Stream<Path> files = Files.list(DIR)) {
            files.map(p -> p.getFileName().toString()).filter(n -> !generated.containsKey(n)).forEach(n -> stale.add(n + " (no such topic)"));
        }
        assertTrue(stale.isEmpty(), "docs/schemas/ does not match the records any more: " + stale
                + "; write them again with\n  " + TopicSchemas.REGENERATE + "\nand commit them");
        assertEquals(Topics.ALL.stream().map(TopicSchemas::fileName).collect(Collectors.toSet()), generated.keySet());
    }

    @Test
    void recordsAsJsonWritesThemMatchTheirSchemas() throws Exception {
        final Instant gun = Instant.parse("2019-10-12T06:15:00Z");
        final Course course = new Course("vienna-2019", "INEOS 1:59", 42_195, 9_600.0, gun, 7_200_000L,
                List.of(new TimingPoint("START", "Start", 0, null), new TimingPoint("FINISH", "Finish", 42_195, 5)))
                .withLocale("Europe/Vienna", Units.KM, List.of(new Wave("A", gun, "1-99")));
        check(Topics.RACE_COURSES, course);
        check(Topics.RACE_ATHLETES, new Athlete("eliud-kipchoge", "vienna-2019", "1", "Eliud Kipchoge", "KEN", Sex.M,
                "M35", 34, 7_199_000L, false, "CHIP-1", "A"));
        check(Topics.RACE_SPLITS, new SplitEvent("vienna-2019", "eliud-kipchoge", "1", "HALF", 21_097.5, null,
                3_593_000L, gun.plusMillis(3_593_000L)));
        check(Topics.RACE_CORRECTIONS, new Correction("c-1", Correction.Type.VOID_READ, "vienna-2019", "eliud-kipchoge",
                "HALF", null, null, null, null, "mat read twice", "ops", gun.plusSeconds(4_000)));
    }

    @Test
    void aRecordMissingARequiredFieldOrWithAWrongEnumDoesNotMatch() throws Exception {
        final Schema splits = schema(Topics.RACE_SPLITS);
        assertTrue(!splits.validate("{\"raceId\":\"r\",\"athleteId\":\"a\",\"timingPointId\":\"5K\",\"distanceM\":5000,"
                + "\"elapsedMs\":900000}", InputFormat.JSON).isEmpty(), "readAt is required");
        assertTrue(!splits.validate("{\"raceId\":\"r\",\"athleteId\":\"a\",\"timingPointId\":\"5K\",\"distanceM\":5000,"
                + "\"elapsedMs\":900000,\"readAt\":\"yesterday\"}", InputFormat.JSON).isEmpty(), "readAt is a date-time");
        final Schema courses = schema(Topics.RACE_COURSES);
        final String course = "{\"raceId\":\"r\",\"distanceM\":42195,\"defaultTargetMs\":1,\"timingPoints\":"
                + "[{\"id\":\"FINISH\",\"distanceM\":42195}],\"units\":";
        assertTrue(courses.validate(course + "\"mi\"}", InputFormat.JSON).isEmpty(), "units on the wire are km or mi");
        assertTrue(!courses.validate(course + "\"MI\"}", InputFormat.JSON).isEmpty(), "not the enum's name");
    }

    @Test
    void theReadmesExamplesMatchTheSchemasOfTheirTopics() throws Exception {
        final String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        final java.util.regex.Matcher block = java.util.regex.Pattern.compile("```json\\n(.*?)```", java.util.regex.Pattern.DOTALL)
                .matcher(readme);
        int from = 0;
        final List<String> checked = new ArrayList<>();
        while (block.find()) {
            final String before = readme.substring(from, block.start());
            from = block.end();
            // the topic is the last one the text before the example names
            Topic<?> topic = null;
            int at = -1;
            for (final Topic<?> candidate : Topics.ALL) {
                final int index = before.lastIndexOf("`" + candidate.name() + "`");
                if (index > at) {
                    at = index;
                    topic = candidate;
                }
            }
            if (topic == null) {
                continue;
            }
            final List<Error> errors = schema(topic).validate(block.group(1), InputFormat.JSON);
            assertTrue(errors.isEmpty(), "the README's example for " + topic.name() + ": " + errors);
            checked.add(topic.name());
        }
        assertTrue(checked.containsAll(Topics.INPUTS.stream().map(Topic::name).toList())
                && checked.contains(Topics.ATHLETE_PROJECTIONS.name()), "examples of every input and a projection: " + checked);
    }

    private static <V> void check(final Topic<V> topic, final V value) throws Exception {
        final String json = Json.mapper().writeValueAsString(value);
        final List<Error> errors = schema(topic).validate(json, InputFormat.JSON);
        assertTrue(errors.isEmpty(), topic.name() + ": " + errors + " in " + json);
    }

    static Schema schema(final Topic<?> topic) throws Exception {
        // format is only an annotation in 2020-12 unless asked for: date-time is checked
        final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        return registry.getSchema(Files.readString(DIR.resolve(TopicSchemas.fileName(topic)), StandardCharsets.UTF_8),
                InputFormat.JSON);
    }
}
