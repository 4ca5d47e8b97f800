package io.racetracker.streams;

import static io.racetracker.streams.StateNames.ATHLETE_SPLITS_STORE;
import static io.racetracker.streams.StateNames.BOARD_ATHLETES_STORE;
import static io.racetracker.streams.StateNames.BOARD_MATS_STORE;
import static io.racetracker.streams.StateNames.BOARD_META_STORE;
import static io.racetracker.streams.StateNames.BOARD_UPDATES;
import static io.racetracker.streams.StateNames.CONDITIONS_DELTAS;
import static io.racetracker.streams.StateNames.CONDITIONS_STORE;
import static io.racetracker.streams.StateNames.COURSES_STORE;
import static io.racetracker.streams.StateNames.DAY_EFFECTS_STORE;
import static io.racetracker.streams.StateNames.LEADERBOARDS_STORE;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.Leaderboard;
import io.racetracker.core.json.JsonSerde;
import io.racetracker.core.model.FinishTimeModel;
import io.racetracker.core.projection.Projector;
import io.racetracker.core.topic.Topic;
import io.racetracker.core.topic.Topics;
import io.racetracker.streams.athlete.AthleteHistorySerde;
import io.racetracker.streams.athlete.AthleteOutputs;
import io.racetracker.streams.athlete.AthleteTracker;
import io.racetracker.streams.athlete.TrackerOutput;
import io.racetracker.streams.board.BoardOutputs;
import io.racetracker.streams.board.BoardShortlist;
import io.racetracker.streams.board.BoardState;
import io.racetracker.streams.board.BoardUpdate;
import io.racetracker.streams.board.BoardUpdateSerde;
import io.racetracker.streams.board.RaceBoard;
import io.racetracker.streams.conditions.ConditionsTable;
import io.racetracker.streams.conditions.DayCounts;
import io.racetracker.streams.conditions.RaceConditionsBuilder;
import io.racetracker.streams.intake.AthleteInput;
import io.racetracker.streams.intake.CorrectionParser;
import io.racetracker.streams.intake.CourseTable;
import io.racetracker.streams.intake.RegistrationParser;
import io.racetracker.streams.intake.SplitParser;
import io.racetracker.streams.state.InPlaceKeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The tracker's topology, the whole graph, built here from the first source to the last sink. Every key is a string;
 * every value JSON. {@link #build} reads as the data flows:
 *
 * <ol>
 *   <li>{@link #courseTable} and {@link #conditionsTable}: the global stores every instance holds whole</li>
 *   <li>{@link #registrations}, {@link #reads} and {@link #corrections}: the intake, parsed from raw bytes, so that
 *       nothing can fail before the tracker sees it</li>
 *   <li>{@link #perAthlete}: the three meet in each athlete's task, which keeps the athlete's history and projects</li>
 *   <li>{@link #athleteOutputs}: what each athlete's task produced, to the athlete-keyed topics, by one node</li>
 *   <li>{@link #raceBoards}: the boards, results and race alerts, in each race's task</li>
 *   <li>{@link #raceConditions}: the race's day, counted in each race's task</li>
 * </ol>
 *
 * Topics:
 * <ul>
 *   <li>in {@code race-splits}: mat reads, key {@code raceId/athleteId}, value {@code SplitEvent} (read as raw bytes,
 *       parsed here)</li>
 *   <li>in {@code race-athletes}: registrations, key {@code raceId/athleteId}, value {@code Athlete} (read as raw
 *       bytes, parsed here); kept with the athlete's history in {@value StateNames#ATHLETE_SPLITS_STORE}</li>
 *   <li>in {@code race-corrections}: operators' corrections, key {@code raceId/athleteId}, value {@code Correction}
 *       (read as raw bytes, parsed here); applied to the athlete's history in {@value StateNames#ATHLETE_SPLITS_STORE}</li>
 *   <li>in {@code race-courses}: courses, key race id, value {@code Course}; global store {@value StateNames#COURSES_STORE}
 *       ({@code CourseTable}: a course that cannot be read is skipped with a warning, never fatal)</li>
 *   <li>out {@code athlete-projections}: key {@code raceId/athleteId}, value {@code AthleteProjection}, one per accepted split</li>
 *   <li>out {@code athlete-state}: key {@code raceId/athleteId}, value {@code AthleteProjection}, latest per athlete (compacted;
 *       a tombstone when an athlete's only accepted read is voided)</li>
 *   <li>out {@code race-alerts}: key {@code raceId/athleteId}, value {@code RaceAlert}</li>
 *   <li>out {@code broadcast-feed}: key {@code raceId/athleteId}, value {@code BroadcastLine}, rate-limited per athlete</li>
 *   <li>out {@code race-leaderboard}: key {@code raceId/category}, value {@code Leaderboard}; the latest of each
 *       board is also kept in the queryable store {@value StateNames#LEADERBOARDS_STORE}</li>
 *   <li>out {@code race-results}: key {@code raceId/athleteId}, value {@code RaceResult}</li>
 *   <li>out {@code race-conditions}: key race id, value {@code RaceConditions}, how the field ahead ran against the
 *       model, counted in the race's task from the athletes' tasks' observations (through the repartition topic
 *       {@value StateNames#CONDITIONS_DELTAS}) and kept in {@value StateNames#DAY_EFFECTS_STORE}; read back by every
 *       instance into the global store {@value StateNames#CONDITIONS_STORE}, which corrects the projections</li>
 *   <li>out {@code race-dead-letters}: key original key, value {@code DeadLetter}, every rejected read and
 *       registration, and every registration field left out</li>
 * </ul>
 * Stores (their names, and those of the internal topics, are in {@link StateNames}): registration and accepted splits
 * per athlete in {@value StateNames#ATHLETE_SPLITS_STORE} (an athlete's state is projected from it when queried); the
 * race boards in {@value StateNames#BOARD_ATHLETES_STORE}, {@value StateNames#BOARD_MATS_STORE},
 * {@value StateNames#BOARD_META_STORE} and {@value StateNames#LEADERBOARDS_STORE}, fed through the repartition topic
 * {@value StateNames#BOARD_UPDATES}; the race's day in {@value StateNames#DAY_EFFECTS_STORE}; the global
 * {@value StateNames#COURSES_STORE} and {@value StateNames#CONDITIONS_STORE}.
 */
public final class TrackerTopology {

    private TrackerTopology() {
    }

    /**
     * @param model  the finish-time model every projection uses
     * @param config the app's configuration: {@code topology.optimization} and the {@code race.tracker.*} options
     */
    public static Topology build(final FinishTimeModel model, final Properties config) {
        final TrackerOptions options = TrackerOptions.from(config);
        final StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        courseTable(builder);
        conditionsTable(builder);
        final KStream<String, AthleteInput> registrations = registrations(builder);
        final KStream<String, AthleteInput> reads = reads(builder);
        final KStream<String, AthleteInput> corrections = corrections(builder);
        final KStream<String, TrackerOutput> outputs = perAthlete(builder, registrations, reads, corrections, model, options);
        athleteOutputs(outputs);
        raceBoards(builder, outputs, options);
        raceConditions(builder, outputs);
        return builder.build(config);
    }

    /**
     * The courses every instance holds whole: {@code race-courses} into the global store
     * {@value StateNames#COURSES_STORE}, read as raw bytes and parsed by {@link CourseTable.CourseUpdater}, so that a
     * course that cannot be read is set aside rather than killing the global thread.
     */
    private static void courseTable(final StreamsBuilder builder) {
        globalTable(builder, Topics.RACE_COURSES, COURSES_STORE, "courses-source", CourseTable.CourseUpdater::new);
    }

    /**
     * Every race's latest conditions, held whole by every instance: {@code race-conditions} (written by
     * {@link #raceConditions}) into the global store {@value StateNames#CONDITIONS_STORE}, parsed by
     * {@link ConditionsTable.ConditionsUpdater} as the courses are.
     */
    private static void conditionsTable(final StreamsBuilder builder) {
        globalTable(builder, Topics.RACE_CONDITIONS, CONDITIONS_STORE, "conditions-source", ConditionsTable.ConditionsUpdater::new);
    }

    /**
     * A topic into a global store that every instance holds whole, read as raw bytes and parsed by the store's own
     * processor ({@code updater}), so that a record that cannot be read is skipped rather than killing the global
     * thread. Every read looks the store up: it hands out each value parsed once, not parsed again per lookup. The store
     * is in memory, with no cache and no timestamp beside the value, so that a lookup hands over the very bytes it
     * holds and {@link RepeatedValues} knows them at a glance, with no copy: it is rebuilt from its (small, compacted)
     * topic whenever the instance starts.
     */
    private static <V> void globalTable(final StreamsBuilder builder, final Topic<V> topic, final String store,
                                        final String source, final ProcessorSupplier<String, byte[], Void, Void> updater) {
        builder.addGlobalStore(Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(store), Serdes.String(), new RepeatedValues<>(topic.valueSerde()))
                        .withCachingDisabled().withLoggingDisabled(),
                topic.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(source),
                updater);
    }

    /**
     * {@code race-athletes}, read as bytes like the reads: a registration that is slightly off is kept, one that is
     * nobody's becomes a dead letter, and none can fail before the tracker sees it.
     */
    private static KStream<String, AthleteInput> registrations(final StreamsBuilder builder) {
        return builder.stream(Topics.RACE_ATHLETES.name(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("athletes-source"))
                .processValues(RegistrationParser::new, Named.as("parse-registration"));
    }

    /**
     * {@code race-splits}, read as raw bytes, by one node ({@link SplitParser}): every record that is not a valid read
     * goes to {@code race-dead-letters} with its reason and original bytes; each valid one, given its race's course,
     * to the athlete's task. The node hands each record to one child by name, so the stream returned feeds only the
     * node named {@value SplitParser#READS} ({@link #perAthlete}'s merge), with valid reads only; another child added
     * to it would be handed nothing.
     */
    @SuppressWarnings("unchecked")
    private static KStream<String, AthleteInput> reads(final StreamsBuilder builder) {
        final KStream<String, Object> intake = builder
                .stream(Topics.RACE_SPLITS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("splits-source"))
                .processValues(SplitParser::new, Named.as("parse-split"));
        sink(intake, Topics.RACE_DEAD_LETTERS, Serdes.String(), Topics.RACE_DEAD_LETTERS.valueSerde(), SplitParser.REJECTED);
        return (KStream<String, AthleteInput>) (KStream<String, ?>) intake;
    }

    /** {@code race-corrections}, read as raw bytes and parsed. */
    private static KStream<String, AthleteInput> corrections(final StreamsBuilder builder) {
        return builder.stream(Topics.RACE_CORRECTIONS.name(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("corrections-source"))
                .processValues(CorrectionParser::new, Named.as("parse-correction"));
    }

    /**
     * Reads, registrations and corrections meet in the athlete's task ({@link AthleteTracker}), which keeps the
     * athlete's history in {@value StateNames#ATHLETE_SPLITS_STORE} and says what each input produced.
     */
    private static KStream<String, TrackerOutput> perAthlete(final StreamsBuilder builder,
                                                             final KStream<String, AthleteInput> registrations,
                                                             final KStream<String, AthleteInput> reads,
                                                             final KStream<String, AthleteInput> corrections,
                                                             final FinishTimeModel model, final TrackerOptions options) {
        builder.addStateStore(inMemory(ATHLETE_SPLITS_STORE, Serdes.String(), new AthleteHistorySerde()));
        // a read passes one node on its way (registrations and corrections, rare, meet before it)
        return reads.merge(registrations.merge(corrections, Named.as("registrations-and-corrections")),
                        Named.as(SplitParser.READS))
                .process(() -> new AthleteTracker(new Projector(model), options), Named.as("track-athlete"),
                        ATHLETE_SPLITS_STORE);
    }

    /**
     * What the athletes' tasks produced, to the athlete-keyed output topics: one node ({@link AthleteOutputs}) hands
     * each part of each output to the sink of its topic, by the sink's name.
     */
    private static void athleteOutputs(final KStream<String, TrackerOutput> outputs) {
        // a read that is the athlete's latest gives one projection to both topics: written to JSON once
        final Serde<AthleteProjection> projections = Serdes.serdeFrom(
                new OnceSerializer<>(Topics.ATHLETE_PROJECTIONS.valueSerde()), Topics.ATHLETE_PROJECTIONS.valueSerde());
        // and every part of one input's output has the input's key: encoded once for all the sinks
        final Serde<String> keys = Serdes.serdeFrom(new OnceSerializer<>(new StringSerializer()), new StringDeserializer());
        final KStream<String, Object> parts = outputs.process(AthleteOutputs::new, Named.as("athlete-outputs"));
        sink(parts, Topics.ATHLETE_PROJECTIONS, keys, projections, AthleteOutputs.PROJECTIONS);
        sink(parts, Topics.ATHLETE_STATE, keys, projections, AthleteOutputs.STATES);
        sink(parts, Topics.BROADCAST_FEED, keys, Topics.BROADCAST_FEED.valueSerde(), AthleteOutputs.BROADCASTS);
        sink(parts, Topics.RACE_DEAD_LETTERS, keys, Topics.RACE_DEAD_LETTERS.valueSerde(), AthleteOutputs.DEAD_LETTERS);
        sink(parts, Topics.RACE_ALERTS, keys, Topics.RACE_ALERTS.valueSerde(), AthleteOutputs.ALERTS);
    }

    /**
     * A sink, named {@code name}, of a processor that forwards to each of its sinks by name only what that sink's topic
     * takes ({@code V}).
     */
    @SuppressWarnings("unchecked")
    private static <V> void sink(final KStream<String, Object> parts, final Topic<V> topic, final Serde<String> keys,
                                 final Serde<V> values, final String name) {
        parts.to(topic.name(), Produced.with(keys, (Serde<Object>) (Serde<?>) values).withName(name));
    }

    /**
     * The race-level views: the athletes' latest states that can change a race's boards (chosen in the athletes' own
     * tasks by {@link BoardShortlist}) go, keyed by race, through the repartition topic
     * {@value StateNames#BOARD_UPDATES} to {@link RaceBoard}, which writes {@code race-leaderboard}, the race-level
     * {@code race-alerts} (lead changes, break-aways) and {@code race-results}, each handed by one node
     * ({@link BoardOutputs}) to the sink of its topic.
     */
    private static void raceBoards(final StreamsBuilder builder, final KStream<String, TrackerOutput> outputs,
                                   final TrackerOptions options) {
        final BoardUpdateSerde updates = new BoardUpdateSerde();
        builder.addStateStore(inMemory(BOARD_ATHLETES_STORE, Serdes.String(), updates));
        builder.addStateStore(onDisk(BOARD_MATS_STORE, Serdes.String(), JsonSerde.internal(BoardState.MatLeader.class)));
        builder.addStateStore(onDisk(BOARD_META_STORE, Serdes.String(), JsonSerde.internal(BoardState.Meta.class)));
        builder.addStateStore(onDisk(LEADERBOARDS_STORE, Serdes.String(), JsonSerde.internal(Leaderboard.class)));

        final KStream<String, Object> parts = outputs
                .flatMap((athleteId, out) -> byRace(out.boardUpdates()), Named.as("by-race"))
                .repartition(Repartitioned.with(Serdes.String(), updates).withName(BOARD_UPDATES))
                .process(() -> new RaceBoard(options), Named.as("race-board"), BOARD_ATHLETES_STORE,
                        BOARD_MATS_STORE, BOARD_META_STORE, LEADERBOARDS_STORE)
                .process(BoardOutputs::new, Named.as("board-outputs"));
        sink(parts, Topics.RACE_LEADERBOARD, Serdes.String(), Topics.RACE_LEADERBOARD.valueSerde(), BoardOutputs.LEADERBOARDS);
        sink(parts, Topics.RACE_ALERTS, Serdes.String(), Topics.RACE_ALERTS.valueSerde(), BoardOutputs.ALERTS);
        sink(parts, Topics.RACE_RESULTS, Serdes.String(), Topics.RACE_RESULTS.valueSerde(), BoardOutputs.RESULTS);
    }

    /**
     * A store that every read, or a quarter of them, reads and writes: the athletes' histories and the boards' latest
     * athlete states. Held in memory and made durable by its changelog (exactly-once, as every output), a read costs
     * no native call and no copy out of RocksDB (docs/performance.md, "State in memory"); each value is written over
     * the last in place ({@link InPlaceKeyValueStore}), so that a big field does not cost the collector more per read.
     * The price is the restore at each start, which is short: 100,000 runners' whole race, 1.39 million changelog
     * records, restore in about 4 s.
     */
    private static <V> StoreBuilder<KeyValueStore<String, V>> inMemory(final String name, final Serde<String> keys,
                                                                        final Serde<V> values) {
        return Stores.keyValueStoreBuilder(InPlaceKeyValueStore.supplier(name), keys, values);
    }

    /**
     * A race-level store, written a few times a second at most: kept on disk (RocksDB). An app with a store on disk
     * keeps its process id in its state directory and locks it, so a restarted instance has the same transactional
     * ids (it fences a crashed predecessor's open transaction at once) and is given its own tasks back; with every
     * store in memory Kafka Streams would draw a new id at each start and neither lock nor keep the directory.
     */
    private static <V> StoreBuilder<KeyValueStore<String, V>> onDisk(final String name, final Serde<String> keys,
                                                                      final Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values);
    }

    /** Each update keyed by its race: nothing, for most reads, without a stream pipeline built for it. */
    private static List<KeyValue<String, BoardUpdate>> byRace(final List<BoardUpdate> updates) {
        if (updates.isEmpty()) {
            return List.of();
        }
        final List<KeyValue<String, BoardUpdate>> keyed = new ArrayList<>(updates.size());
        for (final BoardUpdate update : updates) {
            keyed.add(KeyValue.pair(update.raceId(), update));
        }
        return keyed;
    }

    /**
     * The race's day: the athletes' tasks' new observations, keyed by race id, go through the repartition topic
     * {@value StateNames#CONDITIONS_DELTAS} to {@link RaceConditionsBuilder}, which adds them to the race's total in
     * {@value StateNames#DAY_EFFECTS_STORE} and writes {@code race-conditions} (read back by {@link #conditionsTable}).
     */
    private static void raceConditions(final StreamsBuilder builder, final KStream<String, TrackerOutput> outputs) {
        final JsonSerde<DayCounts> counts = JsonSerde.internal(DayCounts.class);
        builder.addStateStore(onDisk(DAY_EFFECTS_STORE, Serdes.String(), counts));
        outputs.filter((key, out) -> out.dayCounts() != null, Named.as("day-observed"))
                .map((key, out) -> KeyValue.pair(out.dayCounts().raceId(), out.dayCounts()), Named.as("day-by-race"))
                .repartition(Repartitioned.with(Serdes.String(), counts).withName(CONDITIONS_DELTAS))
                .process(RaceConditionsBuilder::new, Named.as("race-conditions"), DAY_EFFECTS_STORE)
                .to(Topics.RACE_CONDITIONS.name(), produced(Topics.RACE_CONDITIONS, "race-conditions-sink"));
    }

    private static <V> Produced<String, V> produced(final Topic<V> topic, final String name) {
        return Produced.with(Serdes.String(), topic.valueSerde()).withName(name);
    }
}
