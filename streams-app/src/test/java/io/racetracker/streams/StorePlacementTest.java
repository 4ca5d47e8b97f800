package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
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
        try (TopologyFixture fixture = new TopologyFixture()) {
            final Map<String, Boolean> onDisk = List.of(StateNames.ATHLETE_SPLITS_STORE, StateNames.BOARD_ATHLETES_STORE,
                            StateNames.BOARD_MATS_STORE, StateNames.BOARD_META_STORE, StateNames.LEADERBOARDS_STORE,
                            StateNames.DAY_EFFECTS_STORE).stream()
                    .collect(Collectors.toMap(Function.identity(), name -> fixture.driver.getKeyValueStore(name).persistent()));
            assertEquals(Map.of(StateNames.ATHLETE_SPLITS_STORE, false, StateNames.BOARD_ATHLETES_STORE, false,
                    StateNames.BOARD_MATS_STORE, true, StateNames.BOARD_META_STORE, true,
                    StateNames.LEADERBOARDS_STORE, true, StateNames.DAY_EFFECTS_STORE, true), onDisk);
        }
    }
}
