package io.racetracker.streams;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.json.JsonSerde;
import io.racetracker.core.model.FinishTimeModel;
import io.racetracker.core.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** A {@link TopologyTestDriver} over the tracker topology with typed input and output topics. */
final class TopologyFixture implements AutoCloseable {
    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> splits;
    final TestInputTopic<String, Athlete> athletes;
    final TestInputTopic<String, Course> courses;
    final TestOutputTopic<String, AthleteProjection> projections;
    final TestOutputTopic<String, AthleteProjection> state;
    final TestOutputTopic<String, DeadLetter> deadLetters;

    TopologyFixture(final FinishTimeModel model) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "race-tracker-test");
        props.putAll(StreamsSettings.defaults("unused:9092"));
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir());
        driver = new TopologyTestDriver(TrackerTopology.build(model, props), props, Instant.parse("2019-10-12T06:00:00Z"));
        splits = driver.createInputTopic(Topics.RACE_SPLITS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        athletes = driver.createInputTopic(Topics.RACE_ATHLETES.name(), Serdes.String().serializer(),
                Topics.RACE_ATHLETES.valueSerde());
        courses = driver.createInputTopic(Topics.RACE_COURSES.name(), Serdes.String().serializer(),
                Topics.RACE_COURSES.valueSerde());
        projections = driver.createOutputTopic(Topics.ATHLETE_PROJECTIONS.name(), Serdes.String().deserializer(),
                Topics.ATHLETE_PROJECTIONS.valueSerde());
        state = driver.createOutputTopic(Topics.ATHLETE_STATE.name(), Serdes.String().deserializer(),
                Topics.ATHLETE_STATE.valueSerde());
        deadLetters = driver.createOutputTopic(Topics.RACE_DEAD_LETTERS.name(), Serdes.String().deserializer(),
                JsonSerde.of(DeadLetter.class));
    }

    void register(final Course course, final Athlete... registrations) {
        courses.pipeInput(course.raceId(), course, course.startTime());
        for (final Athlete athlete : registrations) {
            athletes.pipeInput(athlete.athleteId(), athlete, course.startTime());
        }
    }

    void read(final io.racetracker.core.event.SplitEvent split) {
        splits.pipeInput(split.athleteId(), Topics.RACE_SPLITS.valueSerde().serialize("", split), split.readAt());
    }

    void readRaw(final String key, final String json) {
        splits.pipeInput(key, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    private static String stateDir() {
        try {
            return java.nio.file.Files.createTempDirectory("tracker-ttd-").toString();
        } catch (final java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.close();
    }
}
