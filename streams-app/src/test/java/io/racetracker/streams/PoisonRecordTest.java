package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.DeadLetter.Reason;
import io.racetracker.core.event.Sex;
import io.racetracker.core.model.EvenPaceModel;
import io.racetracker.core.model.FinishTimeModel;
import io.racetracker.core.topic.Keys;
import io.racetracker.core.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;

/** A poison record of any kind is set aside with its reason, and the next record is processed as usual. */
class PoisonRecordTest {
    private final Course course = Fixtures.marathon();
    private final Athlete runner = Fixtures.runner(course, "r1", "Ada Runner", "OPEN");

    @Test
    void anUnreadableRegistrationDoesNotStopTheApp() {
        // the dead letter it leaves is asserted against a real broker in BadInputIT: the test driver does not pass
        // on the records a deserialization handler asks to write
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course, runner);
            final TestInputTopic<String, byte[]> rawAthletes = fx.driver.createInputTopic(Topics.RACE_ATHLETES.name(),
                    Serdes.String().serializer(), Serdes.ByteArray().serializer());

            rawAthletes.pipeInput("r2", "{\"athleteId\":\"r2\",\"raceId\":".getBytes(StandardCharsets.UTF_8));
            fx.read(course, runner, "5K", "0:15:00");

            assertEquals(1, fx.projections.readValuesToList().size(), "the next read is tracked");
        }
    }

    @Test
    void aFailureInsideTheTrackerIsDeadLetteredWithTheOriginalBytes() {
        final FinishTimeModel failsOnAge99 = (splits, distance, profile) -> {
            if (Integer.valueOf(99).equals(profile.age())) {
                throw new IllegalStateException("model failure for this runner");
            }
            return new EvenPaceModel().forecast(splits, distance, profile);
        };
        final Athlete unlucky = new Athlete("r9", course.raceId(), "R9", "Una Lucky", null, Sex.F, "OPEN", 99, null, false);
        try (TopologyFixture fx = new TopologyFixture(failsOnAge99)) {
            fx.register(course, runner, unlucky);

            fx.read(course, unlucky, "5K", "0:20:00");
            fx.read(course, runner, "5K", "0:15:00");

            final List<DeadLetter> letters = fx.deadLetters.readValuesToList();
            assertEquals(1, letters.size());
            assertEquals(Reason.PROCESSING_ERROR, letters.get(0).code());
            assertTrue(letters.get(0).reason().contains("track-athlete") && letters.get(0).reason().contains("model failure"),
                    letters.get(0).reason());
            assertTrue(letters.get(0).valueText().contains("\"athleteId\":\"r9\""), "original bytes kept");
            assertEquals(List.of("r1"), fx.projections.readKeyValuesToList().stream().map(kv -> Keys.athleteOf(kv.key)).toList());
        }
    }
}
