package io.racetracker.streams.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A shared text always reads exactly as its bytes do, and the same few texts come back as one object each. */
class SharedTextsTest {

    @Test
    void everyTextReadsAsItsBytesWhateverSharesItsSlot() {
        final SharedTexts shared = new SharedTexts();
        final Random random = new Random(20);
        final String[] kinds = {"", "5K", "HALF", "vienna-2019", "F35", "Zoë", "名前", "x".repeat(32), "y".repeat(33)};
        final List<String> texts = new ArrayList<>(List.of(kinds));
        // many more texts than slots, so that slots are taken over again and again
        for (int i = 0; i < 20_000; i++) {
            texts.add(Integer.toString(random.nextInt(50_000), 36) + (random.nextInt(50) == 0 ? "é" : ""));
        }
        // "Aa" and "BB" have one hash: the text in the slot is checked, not only its hash
        texts.add("Aa");
        texts.add("BB");
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 50_000; i++) {
                final String text = texts.get(random.nextInt(texts.size()));
                final byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                // inside a larger array, as a history's bytes hold it
                final byte[] around = new byte[utf8.length + 7];
                random.nextBytes(around);
                System.arraycopy(utf8, 0, around, 3, utf8.length);
                assertEquals(text, shared.text(around, 3, utf8.length));
            }
        }
        final byte[] aa = "Aa".getBytes(StandardCharsets.US_ASCII);
        final byte[] bb = "BB".getBytes(StandardCharsets.US_ASCII);
        assertEquals("Aa", shared.text(aa, 0, 2));
        assertEquals("BB", shared.text(bb, 0, 2));
        assertEquals("Aa", shared.text(aa, 0, 2));
    }

    @Test
    void theFewTextsAHistoryRepeatsAreOneObjectEach() {
        final SharedTexts shared = new SharedTexts();
        final byte[] mat = "25K".getBytes(StandardCharsets.US_ASCII);
        final String first = shared.text(mat, 0, mat.length);
        assertSame(first, shared.text(mat.clone(), 0, mat.length));
        final byte[] race = "london-2023".getBytes(StandardCharsets.US_ASCII);
        assertSame(shared.text(race, 0, race.length), shared.text(race.clone(), 0, race.length));
    }
}
