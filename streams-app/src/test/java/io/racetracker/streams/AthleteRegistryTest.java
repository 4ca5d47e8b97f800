package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.topic.Topics;
import io.racetracker.streams.athlete.AthleteHistory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** Registrations live with each athlete's history: a change applies from the next read, a tombstone ends them. */
class AthleteRegistryTest {
    private final Course course = Fixtures.marathon();
    private final Athlete kiptum = Fixtures.runner(course, "kiptum", "Kelvin Kiptum", "ELITE-M");

    @Test
    void aChangedRegistrationAppliesFromTheNextReadOn() {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course, kiptum);
            fx.read(course, kiptum, "5K", "0:14:30");
            final Athlete renamed = new Athlete(kiptum.athleteId(), kiptum.raceId(), kiptum.bib(), "Kelvin KIPTUM CHERUIYOT",
                    kiptum.country(), kiptum.sex(), "M18", kiptum.age(), 7_260_000L, false);
            fx.athletes.pipeInput(kiptum.key(), renamed, course.startTime().plusSeconds(900));
            fx.read(course, kiptum, "10K", "0:28:55");

            final List<AthleteProjection> projections = fx.projections.readValuesToList();
            assertEquals(List.of("Kelvin Kiptum", "Kelvin KIPTUM CHERUIYOT"), projections.stream().map(AthleteProjection::name).toList());
            assertEquals(List.of("ELITE-M", "M18"), projections.stream().map(AthleteProjection::category).toList());
            final KeyValueStore<String, AthleteHistory> store = fx.driver.getKeyValueStore(StateNames.ATHLETE_SPLITS_STORE);
            assertEquals(renamed, store.get(kiptum.key()).athlete());
            assertEquals(2, store.get(kiptum.key()).splits().size(), "the registration and the splits in one record");
        }
    }

    @Test
    void aTombstoneEndsTheRegistrationAndKeepsTheSplits() {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course, kiptum);
            fx.read(course, kiptum, "5K", "0:14:30");
            fx.athletes.pipeInput(kiptum.key(), null, course.startTime().plusSeconds(900));
            fx.read(course, kiptum, "10K", "0:28:55");

            final DeadLetter rejected = fx.deadLetters.readValue();
            assertEquals(DeadLetter.Reason.UNKNOWN_ATHLETE, rejected.code());
            final KeyValueStore<String, AthleteHistory> store = fx.driver.getKeyValueStore(StateNames.ATHLETE_SPLITS_STORE);
            assertNull(store.get(kiptum.key()).athlete());
            assertEquals(1, store.get(kiptum.key()).splits().size());

            fx.athletes.pipeInput("nobody", null, course.startTime().plusSeconds(900));
            assertNull(store.get("nobody"), "a tombstone for no one stores nothing");
        }
    }

    @Test
    void aRegistrationWithoutAKeyIsADeadLetter() {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course);
            fx.athletes.pipeInput(null, kiptum, course.startTime());

            final DeadLetter letter = fx.deadLetters.readValue();
            assertEquals(DeadLetter.Reason.NULL_KEY, letter.code());
            assertEquals("race-athletes", letter.sourceTopic());
            assertEquals("kiptum", letter.athleteId());
            assertEquals(kiptum, Topics.RACE_ATHLETES.valueSerde().deserializer()
                    .deserialize("race-athletes", letter.valueText().getBytes(StandardCharsets.UTF_8)), "kept whole in the dead letter");
        }
    }
}
