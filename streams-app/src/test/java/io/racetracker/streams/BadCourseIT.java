package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.model.Models;
import io.racetracker.core.topic.Topics;
import io.racetracker.producer.ProducerSettings;
import io.racetracker.producer.RaceReplayer;
import io.racetracker.producer.scenario.Scenario;
import io.racetracker.producer.scenario.Vienna2019;
import io.racetracker.streams.http.DashboardMetrics;
import io.racetracker.testing.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A course record that cannot be read (seen on race day: {@code {"raceId":}) is skipped by the global store, on a real
 * broker: the app stays RUNNING and tracks the race whose good course follows, live and after its state is wiped.
 */
class BadCourseIT {
    private static final String KIPCHOGE = "eliud-kipchoge";
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** A broker of its own per test: each counts the bad records it wrote, and reads Vienna once. */
    private RealKafka kafka;

    @BeforeEach
    void startKafka() throws Exception {
        kafka = RealKafka.start();
    }

    @AfterEach
    void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void aMalformedCourseIsSkippedAndTheGoodCourseAfterItIsTracked(@TempDir final Path dir) throws Exception {
        final Properties config = kafka.streamsConfig(dir.resolve("state"));
        try (TrackerService tracker = new TrackerService(config, Models.live()).start(WAIT);
             DashboardMetrics metrics = new DashboardMetrics()) {
            metrics.bindStreams(tracker.streams());

            badCourseThenVienna();

            final long expected = kipchogeReads();
            kafka.readUntil(Topics.ATHLETE_PROJECTIONS.name(), Topics.ATHLETE_PROJECTIONS.valueSerde(),
                    read -> kipchoges(read.stream().map(r -> r.value())) >= expected, WAIT);
            assertEquals(KafkaStreams.State.RUNNING, tracker.streams().state());
            assertTrue(metrics.scrape().contains("racetracker_bad_courses_total 1.0"), metrics.scrape());
        }
    }

    @Test
    void afterARestartOnAWipedStateDirectoryTheBadCourseIsSkippedAgain(@TempDir final Path dir) throws Exception {
        final Path stateDir = dir.resolve("state");
        final Properties config = kafka.streamsConfig(stateDir);
        // a static member, as a restarted service is: the restarted instance takes its partitions back at once,
        // instead of after the session of a member that never left the group (Kafka Streams does not leave on close)
        config.put("main.consumer.group.instance.id", "bad-course-it");
        try (TrackerService tracker = new TrackerService(config, Models.live()).start(WAIT)) {
            badCourseThenVienna();
            Await.until(() -> tracker.stores().athleteState(Vienna2019.RACE_ID, KIPCHOGE)
                            .map(p -> p.status().name()), seen -> seen.equals(Optional.of("FINISHED")), WAIT,
                    seen -> "Kipchoge's state before the restart: " + seen);
        }
        deleteRecursively(stateDir);

        try (TrackerService restarted = new TrackerService(config, Models.live()).start(WAIT)) {
            // the course comes back from race-courses, bad record and all; without it there would be no state
            final Optional<AthleteProjection> state = Await.until(() -> queryable(restarted), Optional::isPresent, WAIT,
                    seen -> "no state for Kipchoge after the restart: " + seen);
            assertEquals("1:59:40", state.orElseThrow().display().projectedFinish());
            assertEquals(KafkaStreams.State.RUNNING, restarted.streams().state());
        }
    }

    private static Optional<AthleteProjection> queryable(final TrackerService tracker) {
        try {
            return tracker.stores().athleteState(Vienna2019.RACE_ID, KIPCHOGE);
        } catch (final org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            return Optional.empty();
        }
    }

    /** The record seen on race day, then the whole Vienna race, its course included. */
    private void badCourseThenVienna() throws InterruptedException {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(ProducerSettings.of(kafka.bootstrapServers(), Map.of()))) {
            producer.send(new ProducerRecord<>(Topics.RACE_COURSES.name(), Vienna2019.RACE_ID,
                    "{\"raceId\":".getBytes(StandardCharsets.UTF_8)));
            producer.flush();
            new RaceReplayer(producer).replay(Vienna2019.scenario(), Double.POSITIVE_INFINITY, (sent, latest) -> { });
        }
    }

    private static long kipchogeReads() {
        final Scenario vienna = Vienna2019.scenario();
        return vienna.reads().stream().filter(r -> r.athleteId().equals(KIPCHOGE)).count();
    }

    private static long kipchoges(final Stream<AthleteProjection> projections) {
        return projections.filter(p -> p.athleteId().equals(KIPCHOGE)).count();
    }

    private static void deleteRecursively(final Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
