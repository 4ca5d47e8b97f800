package io.racetracker.streams;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.BroadcastLine;
import io.racetracker.core.event.Correction;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.Leaderboard;
import io.racetracker.core.event.RaceAlert;
import io.racetracker.core.event.RaceResult;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.model.FinishTimeModel;
import io.racetracker.core.model.Models;
import io.racetracker.core.race.RaceTime;
import io.racetracker.core.topic.Topic;
import io.racetracker.core.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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
    final TestInputTopic<String, Correction> corrections;
    final TestOutputTopic<String, AthleteProjection> projections;
    final TestOutputTopic<String, AthleteProjection> state;
    final TestOutputTopic<String, DeadLetter> deadLetters;
    final TestOutputTopic<String, RaceAlert> alerts;
    final TestOutputTopic<String, BroadcastLine> broadcasts;
    final TestOutputTopic<String, Leaderboard> leaderboards;
    final TestOutputTopic<String, RaceResult> results;

    TopologyFixture() {
        this(Models.live(), Map.of());
    }

    TopologyFixture(final FinishTimeModel model) {
        this(model, Map.of());
    }

    /** @param options {@code race.tracker.*} settings for this test */
    TopologyFixture(final FinishTimeModel model, final Map<String, String> options) {
        final Properties props = new Properties();
        props.putAll(StreamsSettings.defaults("unused:9092"));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "race-tracker-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir());
        props.putAll(options);
        driver = new TopologyTestDriver(TrackerTopology.build(model, props), props, Instant.parse("2019-10-12T06:00:00Z"));
        splits = driver.createInputTopic(Topics.RACE_SPLITS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        athletes = input(Topics.RACE_ATHLETES);
        courses = input(Topics.RACE_COURSES);
        corrections = input(Topics.RACE_CORRECTIONS);
        projections = output(Topics.ATHLETE_PROJECTIONS);
        state = output(Topics.ATHLETE_STATE);
        deadLetters = output(Topics.RACE_DEAD_LETTERS);
        alerts = output(Topics.RACE_ALERTS);
        broadcasts = output(Topics.BROADCAST_FEED);
        leaderboards = output(Topics.RACE_LEADERBOARD);
        results = output(Topics.RACE_RESULTS);
    }

    private <V> TestInputTopic<String, V> input(final Topic<V> topic) {
        return driver.createInputTopic(topic.name(), Serdes.String().serializer(), topic.valueSerde());
    }

    private <V> TestOutputTopic<String, V> output(final Topic<V> topic) {
        return driver.createOutputTopic(topic.name(), Serdes.String().deserializer(), topic.valueSerde());
    }

    void register(final Course course, final Athlete... registrations) {
        courses.pipeInput(course.raceId(), course, course.startTime());
        for (final Athlete athlete : registrations) {
            athletes.pipeInput(athlete.key(), athlete, course.startTime());
        }
    }

    void read(final SplitEvent split) {
        splits.pipeInput(split.key(), Topics.RACE_SPLITS.valueSerde().serialize("", split), split.readAt());
    }

    /** A read of a standard mat ({@code 5K}, {@code HALF}, ...) at a chip time written as H:MM:SS. */
    void read(final Course course, final Athlete athlete, final String mat, final String chipTime) {
        read(split(course, athlete, mat, null, chipTime));
    }

    static SplitEvent split(final Course course, final Athlete athlete, final String mat, final Integer lap,
                            final String chipTime) {
        final double distance = course.crossing(mat, lap).orElseThrow().distanceM();
        final long elapsed = RaceTime.parse(chipTime);
        return new SplitEvent(course.raceId(), athlete.athleteId(), athlete.bib(), mat, distance, lap, elapsed,
                course.startTime().plusMillis(elapsed));
    }

    /** An operator's correction, applied at the given moment. */
    void correct(final Correction correction) {
        corrections.pipeInput(correction.key(), correction, correction.at());
    }

    void readRaw(final String key, final byte[] value) {
        splits.pipeInput(key, value);
    }

    void readRaw(final String key, final String json) {
        readRaw(key, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    /** Moves the wall clock, which runs punctuations: leaderboard publishing, silence checks. */
    void advanceWallClock(final Duration by) {
        driver.advanceWallClockTime(by);
    }

    private static String stateDir() {
        try {
            return Files.createTempDirectory("tracker-ttd-").toString();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.close();
    }
}
