package io.racetracker.streams.codec;

import io.racetracker.core.json.JsonSerde;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A value in the compact binary form, version {@value #VERSION}: its version byte, then its fields as a subclass
 * writes and reads them ({@link #write}, {@link #read}), every byte read. Version 1 was Smile (Jackson's binary JSON,
 * starting {@code :)\n}); bytes written by it still read, and are written back in version 2. A value that cannot be
 * read fails with a {@link SerializationException} naming what it was and why.
 *
 * <p>One serde serves every task's store and every stream thread: each thread writes through its own buffer, and the
 * value handed out is a copy of exactly its bytes.
 */
public abstract class CompactSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
    public static final byte VERSION = 2;

    private final JsonSerde<T> version1;
    private final String what;
    private final ThreadLocal<CompactWriter> writers = CompactWriter.perThread();

    /** @param what the value, as an error names it ("an athlete's history") */
    protected CompactSerde(final Class<T> type, final String what) {
        this.version1 = JsonSerde.internal(type);
        this.what = what;
    }

    /** Writes the value's fields, after the version byte. */
    protected abstract void write(CompactWriter out, T value);

    /** Reads the fields {@link #write} wrote. */
    protected abstract T read(CompactReader in);

    @Override
    public final byte[] serialize(final String topic, final T value) {
        if (value == null) {
            return null;
        }
        final CompactWriter out = writers.get().start(VERSION);
        write(out, value);
        return out.toByteArray();
    }

    @Override
    public final T deserialize(final String topic, final byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length == 0 || data[0] != VERSION) {
            return version1.deserialize(topic, data);
        }
        try {
            final CompactReader in = new CompactReader(data);
            final T value = read(in);
            in.end();
            return value;
        } catch (final RuntimeException e) {
            throw new SerializationException("cannot read " + what + " (" + data.length + " bytes, version " + VERSION
                    + "): " + e.getMessage(), e);
        }
    }

    @Override
    public final Serializer<T> serializer() {
        return this;
    }

    @Override
    public final Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        // nothing to configure
    }

    @Override
    public void close() {
        // nothing held
    }
}
