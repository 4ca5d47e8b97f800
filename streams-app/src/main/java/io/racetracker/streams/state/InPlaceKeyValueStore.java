package io.racetracker.streams.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * An in-memory key-value store that writes a key's new value over its old one, in the same array, whenever it fits.
 *
 * <p>Kafka Streams' own in-memory store keeps the very array each put hands it. For a store rewritten on every read,
 * such as an athlete's history, that makes each read leave behind an array that lives until the athlete's next read:
 * long enough, in a big field, to be copied by several young collections and promoted, so that the collector's work
 * per read grows with the number of runners (docs/performance.md, "Values rewritten in place"). Here each key holds
 * one buffer, with room to grow, that a put copies into: a put allocates nothing that outlives it unless the value
 * has outgrown its buffer, and a get hands out a copy, which dies young.
 *
 * <p>Otherwise it behaves as {@code Stores.inMemoryKeyValueStore}: not persistent, made durable by the changelog the
 * store builder wraps it in and restored from it at each start, thread-safe for interactive queries (each method holds
 * the store's lock), and iterated in key order over the keys there were when the iterator was made. The tracker
 * queries its stores through {@code ReadOnlyKeyValueStore} ({@code TrackerStores}); queries of the newer
 * {@code KafkaStreams#query} API are answered as of an unknown type.
 */
public final class InPlaceKeyValueStore implements KeyValueStore<Bytes, byte[]> {
    /** The smallest buffer given: a new athlete's history fits with half a race's splits more, a board's update whole. */
    static final int MIN_CAPACITY = 256;

    /** A key's value: the first {@code length} bytes of {@code buffer}. */
    private static final class Slot {
        private byte[] buffer;
        private int length;

        Slot(final byte[] value) {
            buffer = new byte[capacityFor(value.length)];
            write(value);
        }

        void write(final byte[] value) {
            if (value.length > buffer.length) {
                buffer = new byte[capacityFor(value.length)];
            }
            System.arraycopy(value, 0, buffer, 0, value.length);
            length = value.length;
        }

        byte[] value() {
            return Arrays.copyOf(buffer, length);
        }
    }

    private final String name;
    private final Map<Bytes, Slot> slots = new HashMap<>();
    private volatile boolean open;

    public InPlaceKeyValueStore(final String name) {
        this.name = name;
    }

    /** A supplier for {@code Stores.keyValueStoreBuilder}, as {@code Stores.inMemoryKeyValueStore} is one. */
    public static KeyValueBytesStoreSupplier supplier(final String name) {
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return new InPlaceKeyValueStore(name);
            }

            @Override
            public String metricsScope() {
                return "in-memory";
            }
        };
    }

    /**
     * The next power of two above the value, and never under {@value #MIN_CAPACITY} bytes: a history that grows by a
     * split a read is moved to a bigger buffer once or twice in a whole race, not at every read, and no buffer is more
     * than twice its value.
     */
    static int capacityFor(final int length) {
        return length >= 1 << 29 ? length : Math.max(MIN_CAPACITY, Integer.highestOneBit(length) << 1);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(final StateStoreContext context, final StateStore root) {
        if (root != null) {
            context.register(root, (key, value) -> put(Bytes.wrap(key), value));
        }
        open = true;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public synchronized byte[] get(final Bytes key) {
        final Slot slot = slots.get(key);
        return slot == null ? null : slot.value();
    }

    @Override
    public synchronized void put(final Bytes key, final byte[] value) {
        if (value == null) {
            slots.remove(key);
            return;
        }
        final Slot slot = slots.get(key);
        if (slot == null) {
            slots.put(key, new Slot(value));
        } else {
            slot.write(value);
        }
    }

    /** The array the key's value is held in, for tests: the same one while the values fit. */
    synchronized byte[] bufferOf(final Bytes key) {
        final Slot slot = slots.get(key);
        return slot == null ? null : slot.buffer;
    }

    @Override
    public synchronized byte[] putIfAbsent(final Bytes key, final byte[] value) {
        final byte[] old = get(key);
        if (old == null) {
            put(key, value);
        }
        return old;
    }

    @Override
    public synchronized void putAll(final List<KeyValue<Bytes, byte[]>> entries) {
        for (final KeyValue<Bytes, byte[]> entry : entries) {
            put(entry.key, entry.value);
        }
    }

    @Override
    public synchronized byte[] delete(final Bytes key) {
        final Slot slot = slots.remove(key);
        return slot == null ? null : slot.value();
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(final Bytes from, final Bytes to) {
        return keys(between(from, to), false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(final Bytes from, final Bytes to) {
        return keys(between(from, to), true);
    }

    /** The keys from {@code from} to {@code to}, both included; a null bound is open. */
    private static Predicate<Bytes> between(final Bytes from, final Bytes to) {
        return key -> (from == null || key.compareTo(from) >= 0) && (to == null || key.compareTo(to) <= 0);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return keys(key -> true, false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return keys(key -> true, true);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(final P prefix,
                                                                                    final PS prefixKeySerializer) {
        final byte[] start = prefixKeySerializer.serialize(null, prefix);
        return keys(key -> key.get().length >= start.length
                && Arrays.equals(key.get(), 0, start.length, start, 0, start.length), false);
    }

    /** The keys there are now that pass the filter, in key order (or the reverse), each read when the iterator gets to it. */
    private synchronized KeyValueIterator<Bytes, byte[]> keys(final Predicate<Bytes> wanted, final boolean reverse) {
        final List<Bytes> keys = new ArrayList<>();
        for (final Bytes key : slots.keySet()) {
            if (wanted.test(key)) {
                keys.add(key);
            }
        }
        keys.sort(reverse ? Collections.reverseOrder() : null);
        return new KeysIterator(keys.iterator());
    }

    @Override
    public long approximateNumEntries() {
        return slots.size();
    }

    @Override
    public synchronized void close() {
        slots.clear();
        open = false;
    }

    @Override
    public <R> QueryResult<R> query(final Query<R> query, final PositionBound positionBound, final QueryConfig config) {
        return QueryResult.forUnknownQueryType(query, this);
    }

    @Override
    public Position getPosition() {
        return Position.emptyPosition();
    }

    /** Over a snapshot of keys: a key deleted since is skipped, a value is the one there is when it is reached. */
    private final class KeysIterator implements KeyValueIterator<Bytes, byte[]> {
        private final Iterator<Bytes> keys;
        private KeyValue<Bytes, byte[]> next;
        private boolean open = true;

        KeysIterator(final Iterator<Bytes> keys) {
            this.keys = keys;
        }

        @Override
        public boolean hasNext() {
            if (!open) {
                throw new IllegalStateException("Iterator for store " + name + " has already been closed.");
            }
            while (next == null && keys.hasNext()) {
                final Bytes key = keys.next();
                final byte[] value = get(key);
                if (value != null) {
                    next = KeyValue.pair(key, value);
                }
            }
            return next != null;
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            final KeyValue<Bytes, byte[]> current = next;
            next = null;
            return current;
        }

        @Override
        public Bytes peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return next.key;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
