package io.racetracker.streams;

import io.racetracker.core.event.Leaderboard;
import io.racetracker.core.json.JsonSerde;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** A {@link RaceBoard} outside a topology: its four stores in memory and a mock context, as a task gives them. */
final class BoardHarness {
    private BoardHarness() {
    }

    record Stores4(KeyValueStore<String, BoardUpdate> athletes, KeyValueStore<String, BoardState.MatLeader> mats,
                   KeyValueStore<String, BoardState.Meta> metas, KeyValueStore<String, Leaderboard> published) {
        static Stores4 create() {
            return new Stores4(store(TrackerTopology.BOARD_ATHLETES_STORE, BoardUpdate.class),
                    store(TrackerTopology.BOARD_MATS_STORE, BoardState.MatLeader.class),
                    store(TrackerTopology.BOARD_META_STORE, BoardState.Meta.class),
                    store(TrackerTopology.LEADERBOARDS_STORE, Leaderboard.class));
        }

        private static <V> KeyValueStore<String, V> store(final String name, final Class<V> type) {
            return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), JsonSerde.internal(type))
                    .withLoggingDisabled().build();
        }
    }

    /** A board on a fresh processor context over the given stores: what a task (re)starting gets. */
    static MockProcessorContext<String, BoardOutput> start(final RaceBoard board, final Stores4 stores) {
        final MockProcessorContext<String, BoardOutput> context = new MockProcessorContext<>();
        for (final var store : List.of(stores.athletes(), stores.mats(), stores.metas(), stores.published())) {
            if (!store.isOpen()) {
                store.init(context.getStateStoreContext(), store);
            }
            context.addStateStore(store);
        }
        board.init(context);
        return context;
    }

    static void feed(final RaceBoard board, final List<BoardUpdate> updates) {
        for (final BoardUpdate u : updates) {
            board.process(new Record<>(u.raceId(), u, u.readAt().toEpochMilli()));
        }
    }
}
