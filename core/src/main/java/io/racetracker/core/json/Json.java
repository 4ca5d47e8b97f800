package io.racetracker.core.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one pre-configured {@link ObjectMapper} of the project. Thread-safe once built. */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            // instants as ISO-8601 text, readable in kafka-console-consumer
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // tolerant reader: newer producers may add fields
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // a missing or null number is an error, never a silent 0
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
