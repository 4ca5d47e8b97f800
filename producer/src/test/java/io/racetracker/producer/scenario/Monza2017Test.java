package io.racetracker.producer.scenario;

import static io.racetracker.producer.scenario.ReadChecks.elapsed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.racetracker.core.event.TimingPoint;
import io.racetracker.core.race.RaceTime;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class Monza2017Test {
    private final Scenario monza = Scenarios.byName("monza-2017");

    @Test
    void theThreeAthletesFinishInTheirPublishedTimes() {
        assertEquals(RaceTime.parse("2:00:25"), elapsed(monza, "eliud-kipchoge", "FINISH"));
        assertEquals(RaceTime.parse("2:06:51"), elapsed(monza, "zersenay-tadese", "FINISH"));
        assertEquals(RaceTime.parse("2:14:10"), elapsed(monza, "lelisa-desisa", "FINISH"));
        assertEquals(3, monza.finishers());
    }

    @Test
    void everySplitOfTheTableIsReadExactly() {
        Monza2017.splits().forEach((athlete, table) -> {
            for (final String[] split : table) {
                assertEquals(RaceTime.parse(split[1]), elapsed(monza, athlete, split[0]), athlete + " " + split[0]);
            }
        });
    }

    @Test
    void theLapMatIsCrossedEighteenTimesEveryTwoPointFourKilometres() {
        final List<TimingPoint> laps = monza.course().timingPoints().stream().filter(p -> p.id().equals("LAP")).toList();
        assertEquals(IntStream.rangeClosed(1, 18).boxed().toList(), laps.stream().map(TimingPoint::lap).toList());
        for (final TimingPoint lap : laps) {
            assertEquals(1_100 + 2_400.0 * (lap.lap() - 1), lap.distanceM(), 0.001);
        }
        assertEquals(2_400.0, monza.course().lapLengthM());
        assertEquals(42_195.0 - 295, laps.get(17).distanceM(), 0.001);
    }

    @Test
    void everyReadIsOneTheTrackerAccepts() {
        ReadChecks.assertAcceptable(monza);
    }
}
