package io.racetracker.streams.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Reads what {@link CompactWriter} wrote, field by field in the order it was written, after the version byte. A value
 * that ends early, runs on ({@link #end}), or holds a flag, count or length that cannot be, fails with an
 * {@link IllegalStateException} (or an index out of bounds) that says where; its serde turns that into a
 * {@code SerializationException}.
 */
public final class CompactReader {
    private final byte[] bytes;
    private int position;

    /** Reads {@code bytes} from just after their version byte. */
    public CompactReader(final byte[] bytes) {
        this.bytes = bytes;
        this.position = 1;
    }

    public boolean bool() {
        final byte b = bytes[position++];
        if (b != 0 && b != 1) {
            throw new IllegalStateException("a flag of " + b + " at byte " + (position - 1));
        }
        return b == 1;
    }

    public int varint() {
        final long v = varlong();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new IllegalStateException("a count of " + v + " at byte " + position);
        }
        return (int) v;
    }

    public long varlong() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            final byte b = bytes[position++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return (v >>> 1) ^ -(v & 1);
            }
        }
        throw new IllegalStateException("a number longer than 10 bytes at byte " + position);
    }

    public Long optionalLong() {
        return bool() ? varlong() : null;
    }

    public double float64() {
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (bytes[position++] & 0xFF);
        }
        return Double.longBitsToDouble(bits);
    }

    public Instant instant() {
        return Instant.ofEpochMilli(varlong());
    }

    /** A constant written by {@link CompactWriter#constant}: one of {@code constants}, or null. */
    public <E extends Enum<E>> E constant(final E[] constants) {
        final int ordinal = varint();
        if (ordinal > constants.length) {
            throw new IllegalStateException("no constant " + ordinal + " at byte " + position + " (" + constants.length
                    + " known)");
        }
        return ordinal == 0 ? null : constants[ordinal - 1];
    }

    public String string() {
        final int length = textLength();
        if (length < 0) {
            return null;
        }
        final String value = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /** A text of the few that every value repeats (race, mat, category...), from {@code shared} rather than made anew. */
    public String shared(final SharedTexts shared) {
        final int length = textLength();
        if (length < 0) {
            return null;
        }
        final String value = shared.text(bytes, position, length);
        position += length;
        return value;
    }

    /** A string's length in bytes, checked against what is left; -1 for null. */
    private int textLength() {
        return need(varint() - 1);
    }

    public byte[] raw(final int length) {
        need(length);
        final byte[] value = Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return value;
    }

    private int need(final int length) {
        if (length > bytes.length - position) {
            throw new IllegalStateException(length + " bytes wanted at byte " + position + " of " + bytes.length);
        }
        return length;
    }

    /** Fails unless every byte has been read. */
    public void end() {
        if (position != bytes.length) {
            throw new IllegalStateException((bytes.length - position) + " bytes left over");
        }
    }
}
