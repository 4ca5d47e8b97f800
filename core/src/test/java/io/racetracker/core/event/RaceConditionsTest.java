package io.racetracker.core.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.racetracker.core.model.FinishForecast;
import io.racetracker.core.nowcast.Conditions;
import io.racetracker.core.nowcast.DayEffect;
import io.racetracker.core.nowcast.NowcastSettings;
import io.racetracker.core.topic.Topics;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A race's conditions on {@code race-conditions} carry the {@link Conditions} whole: rebuilt, they correct alike. */
class RaceConditionsTest {
    private static final double[] MATS = {5_000, 10_000, 15_000, 20_000, 21_097.5, 25_000, 30_000, 35_000, 40_000,
            42_195};

    @Test
    void theConditionsReadBackFromTheTopicAsTheyWere() {
        final NowcastSettings settings = NowcastSettings.DEFAULT.withEvidence(500, 300).withBandFloor(0.8);
        final DayEffect day = new DayEffect(MATS, settings);
        final Random random = new Random(3);
        for (int i = 0; i < 3_000; i++) {
            // the second half goes worse than the model expected
            final int stretch = random.nextInt(6);
            day.observe(stretch, random.nextInt(5), (stretch >= 4 ? 0.08 : 0) + random.nextGaussian() * 0.05);
        }
        final Conditions expected = day.conditions();
        final RaceConditions record = RaceConditions.of("boston-2026", Instant.parse("2026-04-20T14:00:00Z"), expected);
        final RaceConditions read = Topics.RACE_CONDITIONS.valueSerde().deserialize("race-conditions",
                Topics.RACE_CONDITIONS.valueSerde().serialize("race-conditions", record));
        assertEquals(record, read);
        assertEquals(expected.summary(), read.summary());
        assertEquals(expected.fieldSlowdown(), read.fieldSlowdown());

        final Conditions actual = read.conditions();
        assertArrayEquals(expected.matsM(), actual.matsM());
        assertArrayEquals(expected.runners(), actual.runners());
        assertArrayEquals(expected.fieldMedian(), actual.fieldMedian());
        assertArrayEquals(expected.fieldSpread(), actual.fieldSpread());
        for (int s = 0; s < MATS.length - 1; s++) {
            assertArrayEquals(expected.effect()[s], actual.effect()[s]);
        }
        assertEquals(settings.evidence(), actual.settings().evidence());
        assertEquals(settings.levelEvidence(), actual.settings().levelEvidence());
        assertArrayEquals(settings.paceEdges(), actual.settings().paceEdges());
        assertEquals(settings.bandFloor(), actual.settings().bandFloor());
        assertEquals(expected.summary(), actual.summary());

        final FinishForecast fixed = new FinishForecast(5_400_000, 7_200_000, 0.06);
        for (int mat = 0; mat < MATS.length - 1; mat++) {
            assertEquals(expected.correct(fixed, mat, 42_195).projectedFinishMs(),
                    actual.correct(fixed, mat, 42_195).projectedFinishMs());
            assertEquals(expected.correct(fixed, mat, 42_195).quantileMs(0.9),
                    actual.correct(fixed, mat, 42_195).quantileMs(0.9));
        }
        assertEquals(true, expected.correct(fixed, 3, 42_195).projectedFinishMs() > fixed.projectedFinishMs());
    }
}
