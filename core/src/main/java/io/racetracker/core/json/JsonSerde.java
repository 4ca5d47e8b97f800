package io.racetracker.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A class-bound JSON serde over the shared {@link Json#mapper()} (or, from {@link #internal}, its binary form
 * {@link Json#internal()}). Null in gives null out; every failure becomes a
 * {@link SerializationException} whose message says which type, which field and what was wrong, so that it can
 * be shown to a person or stored as a dead-letter reason.
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
    private final Class<T> type;
    private final ObjectMapper mapper;

    public JsonSerde(final Class<T> type) {
        this(type, Json.mapper());
    }

    private JsonSerde(final Class<T> type, final ObjectMapper mapper) {
        this.type = type;
        this.mapper = mapper;
    }

    public static <T> JsonSerde<T> of(final Class<T> type) {
        return new JsonSerde<>(type);
    }

    /** Binary JSON (Smile) for a streams app's own stores and internal topics; see {@link Json#internal()}. */
    public static <T> JsonSerde<T> internal(final Class<T> type) {
        return new JsonSerde<>(type, Json.internal());
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public byte[] serialize(final String topic, final T data) {
        if (data == null) {
            return null;
        }
        try {
            return mapper.writeValueAsBytes(data);
        } catch (final JsonProcessingException e) {
            throw new SerializationException("Cannot write " + type.getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public T deserialize(final String topic, final byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return mapper.readValue(data, type);
        } catch (final IOException e) {
            throw new SerializationException("Invalid " + type.getSimpleName() + ": " + describe(e), e);
        }
    }

    /** A one-line reason naming the field, without Jackson's source excerpt. */
    static String describe(final IOException e) {
        if (e instanceof ValueInstantiationException vie && vie.getCause() != null) {
            return vie.getCause().getMessage();
        }
        if (e instanceof JsonMappingException jme) {
            final String path = jme.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            final String message = jme.getOriginalMessage().replaceAll("\\s*\\(for [^)]*\\)", "").lines().findFirst().orElse("");
            return path.isEmpty() ? message : "field '" + path + "': " + message;
        }
        if (e instanceof JsonProcessingException jpe) {
            return "malformed JSON: " + jpe.getOriginalMessage();
        }
        return e.getMessage();
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        // class-bound: nothing to configure
    }

    @Override
    public void close() {
        // holds no resources
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }
}
