package io.racetracker.streams.board;

import io.racetracker.core.event.Leaderboard;
import io.racetracker.core.json.JsonSerde;
import io.racetracker.streams.StateNames;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** A {@link RaceBoard} outside a topology: its four stores in memory and a mock context, as a task gives them. */
public final class BoardHarness {
    private BoardHarness() {
    }

    public record Stores4(KeyValueStore<String, BoardUpdate> athletes, KeyValueStore<String, BoardState.MatLeader> mats,
                   KeyValueStore<String, BoardState.Meta> metas, KeyValueStore<String, Leaderboard> published) {
        public static Stores4 create() {
            return new Stores4(store(StateNames.BOARD_ATHLETES_STORE, new BoardUpdateSerde()),
                    store(StateNames.BOARD_MATS_STORE, BoardState.MatLeader.class),
                    store(StateNames.BOARD_META_STORE, BoardState.Meta.class),
                    store(StateNames.LEADERBOARDS_STORE, Leaderboard.class));
        }

        private static <V> KeyValueStore<String, V> store(final String name, final Class<V> type) {
            return store(name, JsonSerde.internal(type));
        }

        private static <V> KeyValueStore<String, V> store(final String name, final Serde<V> values) {
            return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
                    .withLoggingDisabled().build();
        }
    }

    /** A board on a fresh processor context over the given stores: what a task (re)starting gets. */
    public static MockProcessorContext<String, BoardOutput> start(final RaceBoard board, final Stores4 stores) {
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

    public static void feed(final RaceBoard board, final List<BoardUpdate> updates) {
        for (final BoardUpdate u : updates) {
            board.process(new Record<>(u.raceId(), u, u.readAt().toEpochMilli()));
        }
    }
}
