package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.DeadLetter.Reason;
import io.racetracker.core.event.RaceResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One read with a wrong time must not end an athlete's race: when the reads after it contradict it, it is the one
 * taken back, and the race goes on from the consistent history. A wrong new read is still the one rejected.
 */
class OddReadTest {
    private final Course course = Fixtures.marathon();
    private final Athlete runner = Fixtures.runner(course, "r1", "Ada Runner", "F35");

    @Test
    void aReadAnHourLateIsTakenBackWhenTheNextReadContradictsIt() {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course, runner);
            fx.read(course, runner, "10K", "0:40:00");
            fx.read(course, runner, "20K", "1:20:00");
            fx.read(course, runner, "25K", "2:40:00"); // the 25 km mat read an hour late: slow is possible, so it counts
            fx.read(course, runner, "30K", "2:00:00");
            fx.read(course, runner, "FINISH", "2:50:00");

            final List<DeadLetter> letters = fx.deadLetters.readValuesToList();
            assertEquals(List.of(Reason.TAKEN_BACK), letters.stream().map(DeadLetter::code).toList(), letters.toString());
            assertTrue(letters.get(0).reason().startsWith("the read at 25K (2:40:00) is contradicted by the read at 30K"),
                    letters.get(0).reason());
            final List<AthleteProjection> states = fx.state.readValuesToList();
            final AthleteProjection last = states.get(states.size() - 1);
            assertEquals(AthleteStatus.FINISHED, last.status(), "the true finish counts");
            assertEquals(4, last.acceptedSplits(), "10K, 20K, 30K and the finish: the 25K read is gone");
            final RaceResult result = fx.results.readValue();
            assertEquals("2:50:00", result.finishTime());
        }
    }

    @Test
    void aNewReadThatFitsNothingIsStillTheOneRejected() {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(course, runner);
            fx.read(course, runner, "10K", "0:40:00");
            fx.read(course, runner, "15K", "1:00:00");
            fx.read(course, runner, "20K", "1:20:00");
            fx.read(course, runner, "25K", "1:10:00"); // earlier than the 20 km read: this one is wrong

            final DeadLetter letter = fx.deadLetters.readValue();
            assertEquals(Reason.TIME_BACKWARDS, letter.code());
            final List<AthleteProjection> states = fx.state.readValuesToList();
            assertEquals("20K", states.get(states.size() - 1).timingPointId(), "the history stands");
        }
    }
}
