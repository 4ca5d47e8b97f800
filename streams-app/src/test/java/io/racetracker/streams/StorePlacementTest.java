package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.racetracker.streams.state.InPlaceKeyValueStore;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.Test;

/**
 * Where each store lives has two sides (docs/performance.md, "State in memory"): the stores that reads touch are held
 * in memory, which takes RocksDB off every read's path, and the race-level stores are kept on disk, without which Kafka
 * Streams would draw a new process id at each start and neither lock nor keep the state directory (a restarted
 * instance would no longer fence its crashed predecessor's transactions at once).
 */
class StorePlacementTest {

    @Test
    void theStoresReadsTouchAreInMemoryAndTheRaceLevelStoresOnDisk() {
        final Map<String, Boolean> expected = Map.of(StateNames.ATHLETE_SPLITS_STORE, false,
                StateNames.BOARD_ATHLETES_STORE, false, StateNames.BOARD_MATS_STORE, true, StateNames.BOARD_META_STORE, true,
                StateNames.LEADERBOARDS_STORE, true, StateNames.DAY_EFFECTS_STORE, true);
        try (TopologyFixture fixture = new TopologyFixture()) {
            assertEquals(expected, expected.keySet().stream().collect(
                    Collectors.toMap(Function.identity(), name -> fixture.driver.getKeyValueStore(name).persistent())));
        }
    }

    /** The stores in memory write each value over the last ({@link InPlaceKeyValueStore}), not beside it. */
    @Test
    void theStoresInMemoryRewriteTheirValuesInPlace() {
        try (TopologyFixture fixture = new TopologyFixture()) {
            for (final String name : new String[] {StateNames.ATHLETE_SPLITS_STORE, StateNames.BOARD_ATHLETES_STORE}) {
                StateStore store = fixture.driver.getKeyValueStore(name);
                while (store instanceof WrappedStateStore<?, ?, ?> wrapper) {
                    store = wrapper.wrapped();
                }
                assertInstanceOf(InPlaceKeyValueStore.class, store, name);
            }
        }
    }
}
