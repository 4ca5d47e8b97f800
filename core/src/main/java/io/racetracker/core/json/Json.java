package io.racetracker.core.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The project's pre-configured {@link ObjectMapper}s, over the same records and settings: JSON text for every topic
 * of the contract, and its binary form Smile for the streams app's own state. Thread-safe once built.
 */
public final class Json {
    private static final ObjectMapper MAPPER = text()
            // the records written per read, each by its own writer rather than by reflection (same bytes)
            .addModule(OutputWriters.module())
            .build();

    /** The same JSON text, every record written by reflection: what {@link #MAPPER}'s own writers are held to. */
    private static final ObjectMapper REFLECTIVE = text().build();

    /**
     * The same records in Smile, Jackson's binary JSON, with instants as epoch milliseconds: for what only the
     * streams app reads back (its stores, their changelogs and its repartition topic), where parsing speed counts
     * and nobody reads the bytes by eye.
     */
    private static final ObjectMapper INTERNAL = common(SmileMapper.builder(SmileFactory.builder()
                    // an athlete's splits repeat the race, athlete and bib: written once, then referred to
                    .enable(SmileGenerator.Feature.CHECK_SHARED_STRING_VALUES)
                    .build()))
            .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS)
            .build();

    private Json() {
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B common(final B builder) {
        return builder
                .addModule(new JavaTimeModule())
                // tolerant reader: newer producers may add fields
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // a missing or null number is an error, never a silent 0
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private static JsonMapper.Builder text() {
        return common(JsonMapper.builder())
                // instants as ISO-8601 text, readable in kafka-console-consumer, and read back without a formatter
                .addModule(IsoInstants.module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** JSON text: every topic a user or another program reads. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** JSON text as {@link #mapper()} writes it, with every record written by reflection, for tests to compare with. */
    static ObjectMapper reflective() {
        return REFLECTIVE;
    }

    /** Smile: the streams app's own stores and internal topics. */
    public static ObjectMapper internal() {
        return INTERNAL;
    }
}
