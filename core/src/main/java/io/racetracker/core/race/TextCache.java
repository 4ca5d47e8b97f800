package io.racetracker.core.race;

import java.util.function.LongFunction;

/**
 * The texts of the whole numbers {@code 0 <= key < size}, each built once, on first use, and handed out after; a key
 * outside the range is built every time. The texts a projection shows (a time to the second, a pace, a distance to
 * the tenth) come from a few thousand values each, and every read writes several of them: looked up, they cost no
 * allocation. At most {@code size} references, plus the texts actually asked for.
 *
 * <p>Safe for any number of threads without a lock: a {@code String} is immutable and published whole through its
 * final fields, so a thread sees either null (and builds the text itself) or the complete text; two threads may build
 * one text twice, never two different texts.
 */
public final class TextCache {
    private final String[] texts;
    private final LongFunction<String> build;

    public TextCache(final int size, final LongFunction<String> build) {
        this.texts = new String[size];
        this.build = build;
    }

    /** The text of {@code key}, built now if it is outside the range or asked for the first time. */
    public String text(final long key) {
        if (key < 0 || key >= texts.length) {
            return build.apply(key);
        }
        final int at = (int) key;
        String text = texts[at];
        if (text == null) {
            text = build.apply(key);
            texts[at] = text;
        }
        return text;
    }
}
