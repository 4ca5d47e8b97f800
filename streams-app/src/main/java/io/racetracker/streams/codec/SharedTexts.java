package io.racetracker.streams.codec;

import java.nio.charset.StandardCharsets;

/**
 * The few texts every stored value repeats (race ids, timing point ids, categories, countries, waves), read from
 * their bytes as one shared {@code String} each rather than a new one for every split of every read. A small
 * table by hash: a text that is not the one in its slot is made anew and takes the slot, so the table never holds
 * more than {@value #SLOTS} texts, and what it hands out always reads exactly as the bytes do. Only short ASCII texts
 * are shared; anything else is decoded as UTF-8 every time.
 *
 * <p>Safe for any number of threads without a lock: a {@code String} is immutable and published whole through its
 * final fields, so a thread sees a slot's old text, its new one or null, and checks it against the bytes either way.
 */
public final class SharedTexts {
    private static final int SLOTS = 1024;
    private static final int LONGEST = 32;

    private final String[] texts = new String[SLOTS];

    /** The text of {@code length} UTF-8 bytes from {@code from}. */
    public String text(final byte[] bytes, final int from, final int length) {
        if (length > LONGEST) {
            return new String(bytes, from, length, StandardCharsets.UTF_8);
        }
        int hash = 0;
        for (int i = from; i < from + length; i++) {
            final byte b = bytes[i];
            if (b < 0) {
                return new String(bytes, from, length, StandardCharsets.UTF_8);
            }
            hash = 31 * hash + b;
        }
        // String.hashCode of an ASCII text is this same hash, kept in the string: most misses end at it
        final int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        final String known = texts[slot];
        if (known != null && known.hashCode() == hash && reads(known, bytes, from, length)) {
            return known;
        }
        final String made = new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        texts[slot] = made;
        return made;
    }

    private static boolean reads(final String text, final byte[] bytes, final int from, final int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) != bytes[from + i]) {
                return false;
            }
        }
        return true;
    }
}
