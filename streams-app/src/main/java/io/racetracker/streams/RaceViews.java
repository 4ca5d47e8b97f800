package io.racetracker.streams;

import io.racetracker.core.event.Leaderboard;
import io.racetracker.core.event.RaceResult;
import io.racetracker.core.json.JsonSerde;
import io.racetracker.core.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The race-level views: the athletes' latest states that can change a race's boards (chosen in the athletes' own
 * tasks by {@link BoardShortlist}) go, keyed by race, through the repartition topic
 * {@value TrackerTopology#BOARD_UPDATES} to {@link RaceBoard}, which writes {@code race-leaderboard},
 * the race-level {@code race-alerts} (lead changes, break-aways) and {@code race-results}.
 */
final class RaceViews {
    private RaceViews() {
    }

    static void build(final StreamsBuilder builder, final KStream<String, TrackerOutput> outputs,
                      final TrackerOptions options) {
        final JsonSerde<BoardUpdate> updates = JsonSerde.internal(BoardUpdate.class);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TrackerTopology.BOARD_ATHLETES_STORE),
                Serdes.String(), updates));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TrackerTopology.BOARD_MATS_STORE),
                Serdes.String(), JsonSerde.internal(BoardState.MatLeader.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TrackerTopology.BOARD_META_STORE),
                Serdes.String(), JsonSerde.internal(BoardState.Meta.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TrackerTopology.LEADERBOARDS_STORE),
                Serdes.String(), JsonSerde.internal(Leaderboard.class)));

        final KStream<String, BoardOutput> boards = outputs
                .flatMap((athleteId, out) -> out.boardUpdates().stream()
                        .map(update -> KeyValue.pair(update.raceId(), update)).toList(), Named.as("by-race"))
                .repartition(Repartitioned.with(Serdes.String(), updates).withName(TrackerTopology.BOARD_UPDATES))
                .process(() -> new RaceBoard(options), Named.as("race-board"), TrackerTopology.BOARD_ATHLETES_STORE,
                        TrackerTopology.BOARD_MATS_STORE, TrackerTopology.BOARD_META_STORE, TrackerTopology.LEADERBOARDS_STORE);

        TrackerTopology.writePart(boards, BoardOutput::leaderboard, Topics.RACE_LEADERBOARD, "leaderboards");
        TrackerTopology.writePart(boards, BoardOutput::alert, Topics.RACE_ALERTS, "race-alerts");
        TrackerTopology.writePart(boards, BoardOutput::result, Topics.RACE_RESULTS, "results");
        boards.filter((raceId, out) -> out.resultWithdrawn(), Named.as("results-withdrawn"))
                .mapValues(out -> (RaceResult) null, Named.as("results-withdrawn-tombstones"))
                .to(Topics.RACE_RESULTS.name(), TrackerTopology.produced(Topics.RACE_RESULTS, "results-withdrawn-sink"));
    }

    /**
     * The race's day: the athletes' tasks' new observations, keyed by race id, go through the repartition topic
     * {@value TrackerTopology#CONDITIONS_DELTAS} to {@link RaceConditionsBuilder}, which adds them to the race's total
     * and writes {@code race-conditions}.
     */
    static void conditions(final StreamsBuilder builder, final KStream<String, TrackerOutput> outputs) {
        final JsonSerde<DayCounts> counts = JsonSerde.internal(DayCounts.class);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TrackerTopology.DAY_EFFECTS_STORE),
                Serdes.String(), counts));
        outputs.filter((key, out) -> out.dayCounts() != null, Named.as("day-observed"))
                .map((key, out) -> KeyValue.pair(out.dayCounts().raceId(), out.dayCounts()), Named.as("day-by-race"))
                .repartition(Repartitioned.with(Serdes.String(), counts).withName(TrackerTopology.CONDITIONS_DELTAS))
                .process(RaceConditionsBuilder::new, Named.as("race-conditions"), TrackerTopology.DAY_EFFECTS_STORE)
                .to(Topics.RACE_CONDITIONS.name(), TrackerTopology.produced(Topics.RACE_CONDITIONS, "race-conditions-sink"));
    }
}
