package io.racetracker.streams;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.json.JsonSerde;
import io.racetracker.core.model.FinishTimeModel;
import io.racetracker.core.projection.Projector;
import io.racetracker.core.topic.Topic;
import io.racetracker.core.topic.Topics;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The tracker's topology. Every key is a string; every value JSON.
 *
 * <ul>
 *   <li>in {@code race-splits}: mat reads, key athlete id, value {@code SplitEvent} (read as raw bytes, parsed here)</li>
 *   <li>in {@code race-athletes}: registrations, key athlete id, value {@code Athlete}; table {@value #ATHLETES_STORE}</li>
 *   <li>in {@code race-courses}: courses, key race id, value {@code Course}; global table {@value #COURSES_STORE}</li>
 *   <li>out {@code athlete-projections}: key athlete id, value {@code AthleteProjection}, one per accepted split</li>
 *   <li>out {@code athlete-state}: key athlete id, value {@code AthleteProjection}, the latest per athlete</li>
 *   <li>out {@code race-dead-letters}: key original key, value {@code DeadLetter}, every rejected read</li>
 * </ul>
 * Accepted splits live in the {@value #ATHLETE_SPLITS_STORE} store, changelogged.
 */
public final class TrackerTopology {
    public static final String ATHLETE_SPLITS_STORE = "athlete-splits";
    public static final String ATHLETES_STORE = "athletes";
    public static final String COURSES_STORE = "courses";

    private static final JsonSerde<DeadLetter> DEAD_LETTER_SERDE = JsonSerde.of(DeadLetter.class);

    private TrackerTopology() {
    }

    /**
     * @param model  the finish-time model every projection uses
     * @param config the app's configuration; {@code topology.optimization} is read from it
     */
    public static Topology build(final FinishTimeModel model, final Properties config) {
        final StreamsBuilder builder = new StreamsBuilder();
        final GlobalKTable<String, Course> courses = builder.globalTable(Topics.RACE_COURSES.name(),
                Consumed.with(Serdes.String(), Topics.RACE_COURSES.valueSerde()).withName("courses-source"),
                Materialized.<String, Course, KeyValueStore<Bytes, byte[]>>as(COURSES_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Topics.RACE_COURSES.valueSerde()));
        final KTable<String, Athlete> athletes = builder.table(Topics.RACE_ATHLETES.name(),
                Consumed.with(Serdes.String(), Topics.RACE_ATHLETES.valueSerde()).withName("athletes-source"),
                Materialized.<String, Athlete, KeyValueStore<Bytes, byte[]>>as(ATHLETES_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Topics.RACE_ATHLETES.valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ATHLETE_SPLITS_STORE),
                Serdes.String(), JsonSerde.of(AthleteHistory.class)));

        final Map<String, KStream<String, ParsedSplit>> parsed = builder
                .stream(Topics.RACE_SPLITS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("splits-source"))
                .processValues(SplitParser::new, Named.as("parse-split"))
                .split(Named.as("parsed-"))
                .branch((athleteId, read) -> read.isValid(), Branched.as("valid"))
                .defaultBranch(Branched.as("invalid"));
        parsed.get("parsed-invalid")
                .mapValues(ParsedSplit::rejected, Named.as("parse-rejections"))
                .to(Topics.RACE_DEAD_LETTERS.name(), deadLetters("parse-dead-letters-sink"));

        final Projector projector = new Projector(model);
        final KStream<String, TrackerOutput> outputs = parsed.get("parsed-valid")
                .leftJoin(courses, (athleteId, read) -> read.split().raceId(),
                        (read, course) -> read.withCourse(course), Named.as("join-course"))
                .leftJoin(athletes, ParsedSplit::withAthlete, Joined.<String, ParsedSplit, Athlete>as("join-athlete")
                        .withKeySerde(Serdes.String()).withOtherValueSerde(Topics.RACE_ATHLETES.valueSerde()))
                .processValues(() -> new AthleteTracker(ATHLETE_SPLITS_STORE, projector), Named.as("track-athlete"),
                        ATHLETE_SPLITS_STORE);

        outputs.filter((athleteId, out) -> out.projection() != null, Named.as("accepted-splits"))
                .mapValues(TrackerOutput::projection, Named.as("projections"))
                .to(Topics.ATHLETE_PROJECTIONS.name(), produced(Topics.ATHLETE_PROJECTIONS, "projections-sink"));
        outputs.filter((athleteId, out) -> out.state() != null, Named.as("state-changes"))
                .mapValues(TrackerOutput::state, Named.as("states"))
                .to(Topics.ATHLETE_STATE.name(), produced(Topics.ATHLETE_STATE, "state-sink"));
        outputs.filter((athleteId, out) -> out.deadLetter() != null, Named.as("tracker-rejections"))
                .mapValues(TrackerOutput::deadLetter, Named.as("tracker-dead-letters"))
                .to(Topics.RACE_DEAD_LETTERS.name(), deadLetters("tracker-dead-letters-sink"));
        return builder.build(config);
    }

    private static Produced<String, AthleteProjection> produced(final Topic<AthleteProjection> topic, final String name) {
        return Produced.with(Serdes.String(), topic.valueSerde()).withName(name);
    }

    private static Produced<String, DeadLetter> deadLetters(final String name) {
        return Produced.with(Serdes.String(), DEAD_LETTER_SERDE).withName(name);
    }
}
