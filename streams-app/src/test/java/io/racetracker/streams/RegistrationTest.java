package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.DeadLetter.Reason;
import io.racetracker.core.event.Sex;
import io.racetracker.core.topic.Topics;
import io.racetracker.streams.athlete.AthleteHistory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * Registrations as race day sends them: slightly off, keyed wrong, or late. None may cost an athlete their race, and
 * none may overwrite another athlete's.
 */
class RegistrationTest {
    private final Course course = Fixtures.marathon();
    private final Athlete ann = Fixtures.runner(course, "ann", "Ann Able", "F35");
    private final Athlete bob = Fixtures.runner(course, "bob", "Bob Baker", "M40");

    @Test
    void aSexWrittenAsPeopleWriteItIsRead() {
        for (final String written : List.of("m", "M", "male", "Men")) {
            assertEquals(Sex.M, registered(written, 30, 7_200_000L).sex(), written);
        }
        for (final String written : List.of("f", "W", "female", "Woman")) {
            assertEquals(Sex.F, registered(written, 30, 7_200_000L).sex(), written);
        }
    }

    @Test
    void aRegistrationSlightlyOffIsKeptWithTheBadFieldsReported() {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course);
            fx.athletes.pipeInput(ann.key(), ann);
            final TestInputTopic<String, byte[]> raw = rawRegistrations(fx);
            raw.pipeInput(bob.key(), json("{\"athleteId\":\"bob\",\"raceId\":\"test-marathon\",\"bib\":\"7\","
                    + "\"name\":\"Bob Baker\",\"sex\":\"q\",\"age\":4,\"targetMs\":0}"), course.startTime());
            fx.read(course, bob, "5K", "0:17:00");

            final List<DeadLetter> letters = fx.deadLetters.readValuesToList();
            assertEquals(1, letters.size(), letters.toString());
            assertEquals(Reason.FIELD_IGNORED, letters.get(0).code());
            assertTrue(letters.get(0).reason().contains("sex \"q\"") && letters.get(0).reason().contains("age 4")
                    && letters.get(0).reason().contains("targetMs 0"), letters.get(0).reason());
            final AthleteProjection projected = fx.projections.readValue();
            assertEquals("Bob Baker", projected.name(), "kept: his reads are his, not UNKNOWN_ATHLETE");
            assertEquals(course.defaultTargetMs(), projected.targetMs(), "the race's target, his own was 0");
        }
    }

    @Test
    void aRegistrationKeyedForOneAthleteButNamingAnotherIsRejected() {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course, ann);
            fx.read(course, ann, "5K", "0:18:00");
            fx.athletes.pipeInput(ann.key(), bob, course.startTime().plusSeconds(1_200));
            fx.read(course, ann, "10K", "0:36:00");

            final DeadLetter letter = fx.deadLetters.readValue();
            assertEquals(Reason.KEY_MISMATCH, letter.code());
            assertEquals(ann.key(), letter.key());
            final KeyValueStore<String, AthleteHistory> store = fx.driver.getKeyValueStore(StateNames.ATHLETE_SPLITS_STORE);
            assertEquals(ann, store.get(ann.key()).athlete(), "Ann's registration stands");
            assertNull(store.get(bob.key()), "and nothing of Bob's was made up");
            assertEquals(List.of("Ann Able", "Ann Able"), fx.projections.readValuesToList().stream()
                    .map(AthleteProjection::name).toList());
        }
    }

    @Test
    void readsBeforeALateRegistrationAreTakenUpWhenItComes() {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course);
            fx.read(course, ann, "5K", "0:18:00");
            fx.read(course, ann, "10K", "0:36:10");
            final List<DeadLetter> waiting = fx.deadLetters.readValuesToList();
            assertEquals(List.of(Reason.UNKNOWN_ATHLETE, Reason.UNKNOWN_ATHLETE),
                    waiting.stream().map(DeadLetter::code).toList());
            assertTrue(waiting.get(0).reason().endsWith("held, and taken up when the registration comes"),
                    waiting.get(0).reason());
            assertTrue(fx.projections.isEmpty());

            fx.athletes.pipeInput(ann.key(), ann, course.startTime().plusSeconds(2_400));
            assertEquals(List.of("5K", "10K"), fx.projections.readValuesToList().stream()
                    .map(AthleteProjection::timingPointId).toList(), "both reads, in the order they came");
            final List<AthleteProjection> states = fx.state.readValuesToList();
            assertEquals("10K", states.get(states.size() - 1).timingPointId());
            assertEquals(2, states.get(states.size() - 1).acceptedSplits());

            fx.read(course, ann, "15K", "0:54:30");
            assertEquals(3, fx.state.readValuesToList().get(0).acceptedSplits(), "and the race goes on from there");
        }
    }

    private Athlete registered(final String sex, final int age, final long targetMs) {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course);
            rawRegistrations(fx).pipeInput(ann.key(), json("{\"athleteId\":\"ann\",\"raceId\":\"test-marathon\","
                    + "\"name\":\"Ann Able\",\"sex\":\"" + sex + "\",\"age\":" + age + ",\"targetMs\":" + targetMs + "}"));
            final KeyValueStore<String, AthleteHistory> store = fx.driver.getKeyValueStore(StateNames.ATHLETE_SPLITS_STORE);
            assertTrue(fx.deadLetters.isEmpty(), sex + " is a sex category: nothing to report");
            return store.get(ann.key()).athlete();
        }
    }

    private static TestInputTopic<String, byte[]> rawRegistrations(final TopologyFixture fx) {
        return fx.driver.createInputTopic(Topics.RACE_ATHLETES.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
    }

    private static byte[] json(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
