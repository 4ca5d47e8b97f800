package io.racetracker.streams.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Writes a value in the streams app's compact binary form, read back by {@link CompactReader}: a version byte, then
 * the value's fields in the order its serde sets, with no field names. Numbers are zig-zag variable-length integers
 * (seven bits a byte, low first) or 8-byte doubles, instants their epoch milliseconds, strings (UTF-8 length + 1, 0
 * for null) then their bytes.
 *
 * <p>One writer is written again for every value ({@link #start}) and hands out a copy of exactly that value's bytes
 * ({@link #toByteArray}); not for two threads at once: a serde keeps one per thread ({@link #perThread}).
 */
public final class CompactWriter {
    private byte[] bytes;
    private int size;

    private CompactWriter(final int capacity) {
        this.bytes = new byte[capacity];
    }

    /** A writer for each thread that asks, kept from value to value. */
    public static ThreadLocal<CompactWriter> perThread() {
        return ThreadLocal.withInitial(() -> new CompactWriter(1024));
    }

    /** Forgets what was written and writes the version byte of a new value. */
    public CompactWriter start(final byte version) {
        size = 0;
        room(1);
        bytes[size++] = version;
        return this;
    }

    /** The value's bytes, copied. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void room(final int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    public void bool(final boolean value) {
        room(1);
        bytes[size++] = (byte) (value ? 1 : 0);
    }

    public void varint(final int value) {
        varlong(value & 0xFFFFFFFFL);
    }

    /** Zig-zag, then seven bits a byte, low first. */
    public void varlong(final long value) {
        long v = (value << 1) ^ (value >> 63);
        room(10);
        while ((v & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[size++] = (byte) v;
    }

    public void optionalLong(final Long value) {
        bool(value != null);
        if (value != null) {
            varlong(value);
        }
    }

    public void float64(final double value) {
        final long bits = Double.doubleToRawLongBits(value);
        room(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (bits >>> shift);
        }
    }

    /** To the millisecond. */
    public void instant(final Instant value) {
        varlong(value.toEpochMilli());
    }

    /** A constant by its ordinal + 1, 0 for null. */
    public void constant(final Enum<?> value) {
        varint(value == null ? 0 : value.ordinal() + 1);
    }

    public void string(final String value) {
        if (value == null) {
            varint(0);
            return;
        }
        final int length = value.length();
        if (isAscii(value, length)) {
            // ASCII is its own UTF-8: one byte a char, no encoded copy made first
            varint(length + 1);
            room(length);
            for (int i = 0; i < length; i++) {
                bytes[size++] = (byte) value.charAt(i);
            }
            return;
        }
        final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        varint(utf8.length + 1);
        raw(utf8);
    }

    private static boolean isAscii(final String value, final int length) {
        for (int i = 0; i < length; i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    public void raw(final byte[] value) {
        room(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
    }
}
