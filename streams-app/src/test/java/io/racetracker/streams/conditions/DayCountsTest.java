package io.racetracker.streams.conditions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.json.JsonSerde;
import io.racetracker.core.nowcast.Conditions;
import io.racetracker.core.nowcast.DayEffect;
import io.racetracker.core.nowcast.NowcastSettings;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A day's counts, sent and stored sparsely, read back as the same counts. */
class DayCountsTest {
    private static final double[] MATS = {5_000, 10_000, 15_000, 20_000, 21_097.5, 25_000, 30_000, 35_000, 40_000,
            42_195};

    private static DayEffect day(final long seed, final int runners) {
        final DayEffect day = new DayEffect(MATS, NowcastSettings.DEFAULT);
        final Random random = new Random(seed);
        for (int i = 0; i < runners; i++) {
            day.observe(random.nextInt(MATS.length - 1), random.nextInt(5), 0.05 + random.nextGaussian() * 0.1);
        }
        day.observe(0, 0, 0.9); // beyond the cells: counts at the edge
        day.observe(0, 0, -0.9);
        return day;
    }

    @Test
    void theSparseCountsReadBackAsTheSameDay() {
        final DayEffect day = day(7, 2_000);
        final DayCounts counts = DayCounts.of("boston-2026", day);
        assertTrue(counts.cells().size() / 4 < 2_000, "only the cells that hold a count: " + counts.cells().size() / 4);
        final JsonSerde<DayCounts> serde = JsonSerde.internal(DayCounts.class);
        final DayCounts back = serde.deserialize("", serde.serialize("", counts));
        assertEquals(counts, back);
        final Conditions expected = day.conditions();
        final Conditions actual = back.dayEffect().conditions();
        assertArrayEquals(expected.runners(), actual.runners());
        assertArrayEquals(expected.fieldMedian(), actual.fieldMedian());
        assertArrayEquals(expected.fieldSpread(), actual.fieldSpread());
        for (int s = 0; s < MATS.length - 1; s++) {
            assertArrayEquals(expected.effect()[s], actual.effect()[s]);
            for (int l = 0; l < 5; l++) {
                assertEquals(day.count(s, l), back.dayEffect().count(s, l));
            }
        }
        assertEquals(DayCounts.of("boston-2026", day), DayCounts.of("boston-2026", back.dayEffect()),
                "written again, the same cells");
    }

    @Test
    void twoTasksCountsAddUpAsOneCount() {
        final DayEffect together = day(1, 500);
        together.add(day(2, 700));
        final DayEffect sum = DayCounts.of("r", day(1, 500)).dayEffect();
        sum.add(DayCounts.of("r", day(2, 700)).dayEffect());
        assertEquals(DayCounts.of("r", together), DayCounts.of("r", sum));
    }

    @Test
    void anEmptyDayHasNoCellsAndCountsThatAreNoCellAreRefused() {
        assertEquals(List.of(), DayCounts.of("r", new DayEffect(MATS, NowcastSettings.DEFAULT)).cells());
        final DayCounts bad = new DayCounts("r", List.of(5_000.0, 42_195.0), 800, 400, List.of(255.0), 0.9,
                List.of(3, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, bad::dayEffect);
        assertThrows(IllegalArgumentException.class, () -> new DayCounts("r", List.of(5_000.0, 42_195.0), 800, 400,
                List.of(255.0), 0.9, List.of(0, 0, 1)));
    }
}
