package io.racetracker.core.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
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
 *
 * <p>The records written or read on every read the tracker takes go the short way, with the same bytes and the same
 * answers: an output record with a writer of its own ({@link OutputWriters}) is written by it straight to the
 * mapper's generator, and a plain mat read is taken straight from the parser's tokens ({@link InputReaders}), with
 * anything less plain read by databind as before.
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
    private final Class<T> type;
    private final ObjectMapper mapper;
    /** The type's own writer ({@link OutputWriters}) when the mapper is {@link Json#mapper()}, else null. */
    private final JsonSerializer<T> direct;
    /** The mapper's reader for the type, which finds the type's deserializer once rather than per record. */
    private final ObjectReader reader;
    /** The type's plain reader ({@link InputReaders}) when the mapper is {@link Json#mapper()}, else null. */
    private final InputReaders.PlainReader<T> plain;
    /** Each thread's generator for {@link #direct}, kept from record to record; null without a direct writer. */
    private final ThreadLocal<Generator> generators;

    public JsonSerde(final Class<T> type) {
        this(type, Json.mapper());
    }

    private JsonSerde(final Class<T> type, final ObjectMapper mapper) {
        this.type = type;
        this.mapper = mapper;
        this.direct = mapper == Json.mapper() ? OutputWriters.writerFor(type) : null;
        this.reader = mapper.readerFor(type);
        this.plain = mapper == Json.mapper() ? InputReaders.readerFor(type) : null;
        this.generators = direct == null ? null : ThreadLocal.withInitial(() -> new Generator(mapper));
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
            return direct == null ? mapper.writeValueAsBytes(data) : writeDirect(data);
        } catch (final JsonProcessingException e) {
            throw new SerializationException("Cannot write " + type.getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        } catch (final IOException e) {
            throw new SerializationException("Cannot write " + type.getSimpleName() + " as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * What {@link ObjectMapper#writeValueAsBytes} does (the mapper's generator writing UTF-8 bytes), with the type's
     * writer called straight: no serializer provider made and no serializer looked up for each record, and the same
     * bytes ({@code OutputBytesTest}). The thread's generator is kept and writes one record after another, each
     * handed out as a copy of exactly its bytes; a record that fails to write takes its generator with it, so that
     * what it left half-written never reaches the next record.
     */
    private byte[] writeDirect(final T data) throws IOException {
        final Generator generator = generators.get();
        try {
            direct.serialize(data, generator.json, null);
            generator.json.flush();
            return generator.bytes.take();
        } catch (final IOException | RuntimeException e) {
            generators.remove();
            throw e;
        }
    }

    /** A generator that writes one root value after another into its own bytes, with nothing between them. */
    private static final class Generator {
        final Bytes bytes = new Bytes();
        final JsonGenerator json;

        Generator(final ObjectMapper mapper) {
            try {
                this.json = mapper.createGenerator(bytes, JsonEncoding.UTF8);
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
            json.setRootValueSeparator(null);
        }
    }

    /** The bytes a generator flushed since the last record was taken; one thread's, so not synchronized. */
    private static final class Bytes extends OutputStream {
        private byte[] buffer = new byte[1024];
        private int size;

        @Override
        public void write(final int b) {
            room(1);
            buffer[size++] = (byte) b;
        }

        @Override
        public void write(final byte[] b, final int off, final int len) {
            room(len);
            System.arraycopy(b, off, buffer, size, len);
            size += len;
        }

        private void room(final int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }

        /** This record's bytes, and a clean start for the next. */
        byte[] take() {
            final byte[] taken = Arrays.copyOf(buffer, size);
            size = 0;
            return taken;
        }
    }

    @Override
    public T deserialize(final String topic, final byte[] data) {
        if (data == null) {
            return null;
        }
        if (plain != null) {
            final T read = plain.readPlain(mapper.getFactory(), data);
            if (read != null) {
                return read;
            }
        }
        try {
            return reader.readValue(data);
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
