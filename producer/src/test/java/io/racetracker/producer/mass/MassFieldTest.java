package io.racetracker.producer.mass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Sex;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.producer.scenario.Scenario;
import io.racetracker.producer.scenario.Scenarios;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class MassFieldTest {
    @Test
    void aHundredThousandRunnersStreamInTimeOrder() {
        // how fast is the bench's business (it loads the field at full speed), not a test's on a shared machine
        final Scenario mass = Scenarios.byName("mass", new Scenarios.Options(100_000, 1));
        long reads = 0;
        Instant previous = Instant.MIN;
        for (final Iterator<SplitEvent> it = mass.iterator(); it.hasNext(); reads++) {
            final SplitEvent read = it.next();
            assertTrue(!read.readAt().isBefore(previous));
            previous = read.readAt();
        }
        assertEquals(1_000_000, reads);
        assertEquals(100_000, mass.athletes().size());
        assertEquals(100_000, mass.finishers());
    }

    @Test
    void theFieldLooksLikeTheDataItWasFittedFrom() {
        final MassFieldModel model = MassFieldModel.load();
        final Scenario mass = Scenarios.byName("mass", new Scenarios.Options(20_000, 2));
        final long women = mass.athletes().stream().filter(a -> a.sex() == Sex.F).count();
        assertEquals(model.sexShare().get("F"), women / 20_000.0, 0.02);
        final long[] finishes = mass.stream().filter(r -> r.timingPointId().equals("FINISH"))
                .mapToLong(SplitEvent::elapsedMs).sorted().toArray();
        final double fittedMedian = 1000 * (model.sexShare().get("M") * model.finishQuantilesS().get("M").get(50)
                + model.sexShare().get("F") * model.finishQuantilesS().get("F").get(50));
        assertEquals(fittedMedian, finishes[finishes.length / 2], 0.03 * fittedMedian);
        assertTrue(mass.athletes().stream().map(Athlete::category).allMatch(c -> c.matches("[MF](18|[3-9][05])")));
    }

    @Test
    void sameSeedSameField() {
        final List<SplitEvent> a = Scenarios.byName("mass", new Scenarios.Options(300, 5)).reads();
        final List<SplitEvent> b = Scenarios.byName("mass", new Scenarios.Options(300, 5)).reads();
        assertEquals(a, b);
        assertTrue(!a.equals(Scenarios.byName("mass", new Scenarios.Options(300, 6)).reads()));
    }

    @Test
    void runnersStartInWavesFastestFirst() {
        final MassField field = MassField.sample(MassFieldModel.load(),
                io.racetracker.core.race.Courses.marathon("t", "t", Instant.EPOCH, 1), 20_000, 3,
                new MassField.Waves(Instant.EPOCH, Duration.ofMinutes(25), 8_000,
                        Duration.ofMinutes(10)), 1);
        assertEquals(Instant.EPOCH, field.startedAt(0));
        assertEquals(Instant.EPOCH.plusSeconds(25 * 60), field.startedAt(8_000));
        assertEquals(Instant.EPOCH.plusSeconds(50 * 60), field.startedAt(16_000));
        final int[] first = field.elapsedMs(0);
        final int[] last = field.elapsedMs(19_999);
        assertTrue(first[first.length - 1] <= last[last.length - 1]);
        for (int runner = 0; runner < 20_000; runner += 97) {
            final int[] t = field.elapsedMs(runner);
            assertTrue(Arrays.stream(t).allMatch(x -> x > 0));
            for (int i = 1; i < t.length; i++) {
                assertTrue(t[i] > t[i - 1], "runner " + runner + " moves forward");
            }
        }
    }
}
