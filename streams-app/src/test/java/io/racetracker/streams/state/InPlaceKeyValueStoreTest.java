package io.racetracker.streams.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;

class InPlaceKeyValueStoreTest {
    private final InPlaceKeyValueStore store = new InPlaceKeyValueStore("athlete-splits");

    private static Bytes key(final String text) {
        return Bytes.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] value(final int length, final int seed) {
        final byte[] value = new byte[length];
        new Random(seed).nextBytes(value);
        return value;
    }

    @Test
    void aValueThatFitsIsWrittenOverTheLastInTheSameArrayAndABiggerOneMovesOnce() {
        final Bytes athlete = key("vienna/1001");
        store.put(athlete, value(60, 1));
        final byte[] buffer = store.bufferOf(athlete);
        assertEquals(InPlaceKeyValueStore.MIN_CAPACITY, buffer.length);

        store.put(athlete, value(250, 2));
        assertSame(buffer, store.bufferOf(athlete), "a value that fits is copied into the key's buffer");
        assertArrayEquals(value(250, 2), store.get(athlete));
        store.put(athlete, value(10, 3));
        assertSame(buffer, store.bufferOf(athlete));
        assertArrayEquals(value(10, 3), store.get(athlete), "a shorter value is read back at its own length");

        store.put(athlete, value(300, 4));
        final byte[] bigger = store.bufferOf(athlete);
        assertNotSame(buffer, bigger);
        assertEquals(512, bigger.length, "the next power of two");
        store.put(athlete, value(500, 5));
        assertSame(bigger, store.bufferOf(athlete), "room to grow: the next few splits fit");
        assertArrayEquals(value(500, 5), store.get(athlete));
        assertEquals(1 << 29, InPlaceKeyValueStore.capacityFor(1 << 29), "no doubling past an int's range");
    }

    @Test
    void whatIsHandedInOrOutIsACopy() {
        final Bytes athlete = key("vienna/1001");
        final byte[] put = value(40, 1);
        store.put(athlete, put);
        Arrays.fill(put, (byte) 0);
        final byte[] got = store.get(athlete);
        assertArrayEquals(value(40, 1), got);
        Arrays.fill(got, (byte) 0);
        assertArrayEquals(value(40, 1), store.get(athlete));
        assertArrayEquals(value(40, 1), store.putIfAbsent(athlete, value(5, 9)), "present: kept");
        assertArrayEquals(value(40, 1), store.delete(athlete));
        assertNull(store.get(athlete));
        assertNull(store.putIfAbsent(athlete, value(5, 9)));
        assertArrayEquals(value(5, 9), store.get(athlete));
        store.put(athlete, null);
        assertNull(store.get(athlete), "a null value deletes");
        assertEquals(0, store.approximateNumEntries());
    }

    /** Thousands of random puts, deletes and scans against a sorted map: every answer the same. */
    @Test
    void answersAsASortedMapOfItsValuesWould() {
        final NavigableMap<Bytes, byte[]> model = new TreeMap<>();
        final Random random = new Random(20);
        for (int i = 0; i < 20_000; i++) {
            final Bytes k = key("race/" + random.nextInt(300));
            switch (random.nextInt(10)) {
                case 0 -> assertArrayEquals(model.remove(k), store.delete(k));
                case 1 -> {
                    final List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>();
                    for (int j = 0; j < 3; j++) {
                        final KeyValue<Bytes, byte[]> entry = KeyValue.pair(key("race/" + random.nextInt(300)),
                                value(random.nextInt(400), random.nextInt()));
                        batch.add(entry);
                        model.put(entry.key, entry.value);
                    }
                    store.putAll(batch);
                }
                case 2 -> {
                    final Bytes other = key("race/" + random.nextInt(300));
                    final Bytes from = k.compareTo(other) <= 0 ? k : other;
                    final Bytes to = k.compareTo(other) <= 0 ? other : k;
                    assertEntries(model.subMap(from, true, to, true), store.range(from, to), false);
                    assertEntries(model.subMap(from, true, to, true), store.reverseRange(from, to), true);
                }
                default -> {
                    final byte[] v = value(random.nextInt(400), random.nextInt());
                    model.put(k, v);
                    store.put(k, v);
                }
            }
            assertArrayEquals(model.get(k), store.get(k));
        }
        assertEquals(model.size(), store.approximateNumEntries());
        assertEntries(model, store.all(), false);
        assertEntries(model, store.reverseAll(), true);
        assertEntries(model.subMap(key("race/1"), true, key("race/2"), false),
                store.prefixScan("race/1", new StringSerializer()), false);
    }

    private static void assertEntries(final Map<Bytes, byte[]> expected, final KeyValueIterator<Bytes, byte[]> actual,
                                      final boolean reverse) {
        final List<Bytes> keys = new ArrayList<>(expected.keySet());
        if (reverse) {
            Collections.reverse(keys);
        }
        try (actual) {
            for (final Bytes k : keys) {
                assertTrue(actual.hasNext());
                assertEquals(k, actual.peekNextKey());
                final KeyValue<Bytes, byte[]> entry = actual.next();
                assertEquals(k, entry.key);
                assertArrayEquals(expected.get(k), entry.value);
            }
            assertFalse(actual.hasNext());
        }
    }

    @Test
    void anIteratorSkipsAKeyDeletedSinceItWasMadeAndReadsTheValueThereIsWhenItGetsThere() {
        store.put(key("a"), value(3, 1));
        store.put(key("b"), value(3, 2));
        store.put(key("c"), value(3, 3));
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            assertEquals(key("a"), it.next().key);
            store.delete(key("b"));
            store.put(key("c"), value(7, 4));
            final KeyValue<Bytes, byte[]> c = it.next();
            assertEquals(key("c"), c.key);
            assertArrayEquals(value(7, 4), c.value);
            assertFalse(it.hasNext());
        }
        final KeyValueIterator<Bytes, byte[]> closed = store.all();
        closed.close();
        assertThrows(IllegalStateException.class, closed::hasNext);
    }
}
