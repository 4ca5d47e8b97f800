package io.racetracker.streams;

import io.racetracker.core.json.JsonSerde;
import io.racetracker.core.model.FinishTimeModel;
import io.racetracker.core.projection.Projector;
import io.racetracker.core.topic.Topic;
import io.racetracker.core.topic.Topics;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.ValueMapper;
import org.apache.kafka.streams.state.Stores;

/**
 * The tracker's topology. Every key is a string; every value JSON.
 *
 * <ul>
 *   <li>in {@code race-splits}: mat reads, key {@code raceId/athleteId}, value {@code SplitEvent} (read as raw bytes,
 *       parsed here)</li>
 *   <li>in {@code race-athletes}: registrations, key {@code raceId/athleteId}, value {@code Athlete} (read as raw
 *       bytes, parsed here); kept with the athlete's history in {@value #ATHLETE_SPLITS_STORE}</li>
 *   <li>in {@code race-corrections}: operators' corrections, key {@code raceId/athleteId}, value {@code Correction}
 *       (read as raw bytes, parsed here); applied to the athlete's history in {@value #ATHLETE_SPLITS_STORE}</li>
 *   <li>in {@code race-courses}: courses, key race id, value {@code Course}; global store {@value #COURSES_STORE}
 *       ({@link CourseTable}: a course that cannot be read is skipped with a warning, never fatal)</li>
 *   <li>out {@code athlete-projections}: key {@code raceId/athleteId}, value {@code AthleteProjection}, one per accepted split</li>
 *   <li>out {@code athlete-state}: key {@code raceId/athleteId}, value {@code AthleteProjection}, latest per athlete (compacted)</li>
 *   <li>out {@code race-alerts}: key {@code raceId/athleteId}, value {@code RaceAlert}</li>
 *   <li>out {@code broadcast-feed}: key {@code raceId/athleteId}, value {@code BroadcastLine}, rate-limited per athlete</li>
 *   <li>out {@code race-leaderboard}: key {@code raceId/category}, value {@code Leaderboard}; the latest of each
 *       board is also kept in the queryable store {@value #LEADERBOARDS_STORE}</li>
 *   <li>out {@code race-results}: key {@code raceId/athleteId}, value {@code RaceResult}</li>
 *   <li>out {@code race-conditions}: key race id, value {@code RaceConditions}, how the field ahead ran against the
 *       model, counted in the race's task from the athletes' tasks' observations (through the repartition topic
 *       {@value #CONDITIONS_DELTAS}) and kept in {@value #DAY_EFFECTS_STORE}; read back by every instance into the
 *       global store {@value #CONDITIONS_STORE}, which corrects the projections</li>
 *   <li>out {@code race-dead-letters}: key original key, value {@code DeadLetter}, every rejected read and
 *       registration, and every registration field left out</li>
 * </ul>
 * Stores: registration and accepted splits per athlete in {@value #ATHLETE_SPLITS_STORE} (an athlete's state is
 * projected from it when queried); the race boards in {@value #BOARD_ATHLETES_STORE}, {@value #BOARD_MATS_STORE},
 * {@value #BOARD_META_STORE} and {@value #LEADERBOARDS_STORE}, fed through the repartition topic
 * {@value #BOARD_UPDATES}.
 */
public final class TrackerTopology {
    public static final String ATHLETE_SPLITS_STORE = "athlete-splits";
    public static final String COURSES_STORE = "courses";
    /** The latest published leaderboard of each board, key {@code raceId/category}; owned by the race's task. */
    public static final String LEADERBOARDS_STORE = "leaderboards";
    public static final String BOARD_ATHLETES_STORE = "board-athletes";
    public static final String BOARD_MATS_STORE = "board-mats";
    public static final String BOARD_META_STORE = "board-meta";
    public static final String BOARD_UPDATES = "board-updates";
    /** Every race's latest {@code race-conditions}, held whole by every instance. */
    public static final String CONDITIONS_STORE = "conditions";
    /** Each race's day counted whole ({@link DayCounts}), key race id; owned by the race's task. */
    public static final String DAY_EFFECTS_STORE = "day-effects";
    /** The athletes' tasks' new observations of each race's day, keyed by race id, to the race's task. */
    public static final String CONDITIONS_DELTAS = "day-observations";

    private TrackerTopology() {
    }

    /**
     * @param model  the finish-time model every projection uses
     * @param config the app's configuration: {@code topology.optimization} and the {@code race.tracker.*} options
     */
    public static Topology build(final FinishTimeModel model, final Properties config) {
        final TrackerOptions options = TrackerOptions.from(config);
        final StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(config)));
        CourseTable.build(builder);
        ConditionsTable.build(builder);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ATHLETE_SPLITS_STORE),
                Serdes.String(), JsonSerde.internal(AthleteHistory.class)));
        // registrations are read as bytes, like the reads: one that is slightly off is kept, one that is nobody's
        // becomes a dead letter, and none can fail before the tracker sees it
        final KStream<String, AthleteInput> registrations = builder.stream(Topics.RACE_ATHLETES.name(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("athletes-source"))
                .processValues(RegistrationParser::new, Named.as("parse-registration"));
        final KStream<String, AthleteInput> reads = SplitIntake.validReads(builder)
                .processValues(CourseLookup::new, Named.as("join-course"));
        final KStream<String, AthleteInput> corrections = builder.stream(Topics.RACE_CORRECTIONS.name(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("corrections-source"))
                .processValues(CorrectionParser::new, Named.as("parse-correction"));
        final KStream<String, TrackerOutput> outputs = reads.merge(registrations, Named.as("athlete-inputs"))
                .merge(corrections, Named.as("athlete-corrections"))
                .process(() -> new AthleteTracker(new Projector(model), options), Named.as("track-athlete"),
                        ATHLETE_SPLITS_STORE);
        AthleteOutputs.write(outputs);
        RaceViews.build(builder, outputs, options);
        RaceViews.conditions(builder, outputs);
        return builder.build(config);
    }

    /**
     * Writes one part of each output record, where it is present, to its topic; {@code name} names the operators
     * ({@code name}, {@code name-present}, {@code name-sink}).
     */
    static <O, V> void writePart(final KStream<String, O> outputs, final ValueMapper<O, V> part, final Topic<V> topic,
                                 final String name) {
        writePart(outputs, part, topic, topic.valueSerde(), name);
    }

    /** As above, with a serde of the topic's values other than the registry's (same format). */
    static <O, V> void writePart(final KStream<String, O> outputs, final ValueMapper<O, V> part, final Topic<V> topic,
                                 final Serde<V> values, final String name) {
        outputs.mapValues(part, Named.as(name))
                .filter((key, value) -> value != null, Named.as(name + "-present"))
                .to(topic.name(), Produced.with(Serdes.String(), values).withName(name + "-sink"));
    }

    static <V> Produced<String, V> produced(final Topic<V> topic, final String name) {
        return Produced.with(Serdes.String(), topic.valueSerde()).withName(name);
    }
}
