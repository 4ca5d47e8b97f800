package io.racetracker.core.nowcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.model.FinishForecast;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The day's effect recovered from a synthetic field whose day is known, and shrunk to nothing on an ordinary day. */
class DayEffectTest {
    private static final double[] MATS = {5_000, 10_000, 15_000, 20_000, 21_097.5, 25_000, 30_000, 35_000, 40_000, 42_195};
    private static final NowcastSettings SETTINGS = NowcastSettings.DEFAULT;

    /** A field whose revisions over each stretch scatter around {@code day[s]} (10% wide, as real misses are). */
    private static DayEffect field(final double[] day, final int runners, final long seed) {
        final DayEffect effect = new DayEffect(MATS, SETTINGS);
        final Random random = new Random(seed);
        for (int r = 0; r < runners; r++) {
            final int level = random.nextInt(SETTINGS.levels());
            for (int s = 0; s < day.length; s++) {
                effect.observe(s, level, day[s] + 0.05 * random.nextGaussian());
            }
        }
        return effect;
    }

    @Test
    void aSlowDayIsRecoveredStretchByStretchFromAFieldOfThousands() {
        final double[] day = {0.005, 0.01, 0.01, 0.002, 0.015, 0.02, 0.03, 0.01, 0.0};
        final Conditions conditions = field(day, 5_000, 1).conditions();
        for (int s = 0; s < day.length; s++) {
            for (int level = 0; level < SETTINGS.levels(); level++) {
                assertEquals(day[s], conditions.effect()[s][level], 0.004, "stretch " + s + " level " + level);
            }
        }
        // at 20 km, what is left: each stretch ahead on its share of the remaining time
        final int at20 = 3;
        double expected = 1;
        for (int s = at20; s < day.length; s++) {
            expected += (MATS[9] - MATS[s]) / (MATS[9] - MATS[at20]) * Math.expm1(day[s]);
        }
        assertEquals(expected, conditions.remainingFactor(at20, 2), 0.004);
        assertTrue(conditions.summary().contains("slower than projected after 42.2 km"), conditions.summary());
    }

    @Test
    void anOrdinaryDayChangesNothingWorthMentioning() {
        final Conditions conditions = field(new double[9], 5_000, 2).conditions();
        for (int s = 0; s < 9; s++) {
            for (int level = 0; level < SETTINGS.levels(); level++) {
                assertEquals(0, conditions.effect()[s][level], 0.004);
            }
        }
        assertEquals(1, conditions.remainingFactor(0, 0), 0.005);
    }

    @Test
    void aFewRunnersMoveTheEstimateLittleAndNobodyNotAtAll() {
        final double[] day = new double[9];
        Arrays.fill(day, 0.05);
        final Conditions few = field(day, 10, 3).conditions();
        // ten runners against an evidence of 200: about 1/21 of what they showed
        assertTrue(few.effect()[0][0] > 0 && few.effect()[0][0] < 0.01, "shrunk: " + few.effect()[0][0]);
        final Conditions none = new DayEffect(MATS, SETTINGS).conditions();
        assertEquals(1, none.remainingFactor(0, 0));
        assertEquals(-1, none.furthestKnown());
    }

    @Test
    void onlyTheStretchesAheadCorrectAProjection() {
        // a terrible first stretch, already behind anyone at 10 km; nobody has run further yet
        final DayEffect effect = new DayEffect(MATS, SETTINGS);
        for (int r = 0; r < 5_000; r++) {
            effect.observe(0, r % SETTINGS.levels(), 0.2);
        }
        final Conditions conditions = effect.conditions();
        final FinishForecast fixed = new FinishForecast(2_400_000, 9_000_000, 0.05);
        assertEquals(fixed.projectedFinishMs(), conditions.correct(fixed, 1, MATS[9]).projectedFinishMs());
        assertTrue(conditions.correct(fixed, 0, MATS[9]).projectedFinishMs() > fixed.projectedFinishMs());
    }

    @Test
    void countsMadeApartAddUpToTheCountOfTheWhole() {
        final double[] day = {0.01, 0.02, 0.0, 0.0, 0.0, 0.03, 0.0, 0.0, 0.0};
        final DayEffect whole = field(day, 2_000, 5);
        final DayEffect a = field(day, 1_000, 5);
        final DayEffect b = new DayEffect(MATS, SETTINGS);
        final Random random = new Random(5);
        // b replays the second thousand of the same random field
        for (int r = 0; r < 2_000; r++) {
            final int level = random.nextInt(SETTINGS.levels());
            for (int s = 0; s < day.length; s++) {
                final double g = day[s] + 0.05 * random.nextGaussian();
                if (r >= 1_000) {
                    b.observe(s, level, g);
                }
            }
        }
        a.add(b);
        for (int s = 0; s < day.length; s++) {
            assertEquals(whole.conditions().effect()[s][1], a.conditions().effect()[s][1], 1e-12);
        }
        assertThrows(IllegalArgumentException.class, () -> a.add(new DayEffect(new double[] {1, 2}, SETTINGS)));
    }

    @Test
    void aRevisionIsTheLogOfWhatWasLeftRevisedOverWhatWasProjected() {
        assertEquals(Math.log(1.1), DayEffect.revision(1_000, 11_000, 12_000), 1e-12);
        assertTrue(Double.isNaN(DayEffect.revision(1_000, 1_000, 12_000)));
    }

    @Test
    void theBandAnUnknownCourseAddsGoesAsTheFieldShowsTheCourse() {
        final FinishForecast fixed = new FinishForecast(6_000_000, 6_600_000, 0.1);
        final double width = width80(fixed);
        final double courseScale = 1.3;

        final Conditions nobodyYet = new DayEffect(MATS, SETTINGS).conditions();
        assertEquals(courseScale, width80(nobodyYet.correct(fixed, 3, MATS[9], courseScale)) / width, 1e-9,
                "before anyone has run the rest of the course, the band carries all of it");
        assertEquals(1, width80(nobodyYet.correct(fixed, 3, MATS[9])) / width, 1e-9, "a course the model knows");

        final Conditions known = field(new double[9], 200_000, 3).conditions();
        assertTrue(known.known(3) > 0.99, "a field of 200,000 has shown the whole course");
        final double narrowed = width80(known.correct(fixed, 3, MATS[9], courseScale)) / width;
        assertEquals(1 - (1 - SETTINGS.bandFloor()) * known.known(3), narrowed / (1 + (courseScale - 1) * (1 - known.known(3))),
                1e-9);
        assertTrue(narrowed < 1, "the course's share is gone and the day's band narrows: " + narrowed);

        final Conditions half = field(new double[9], (int) SETTINGS.evidence(), 4).conditions();
        final double between = width80(half.correct(fixed, 3, MATS[9], courseScale)) / width;
        assertTrue(between > narrowed && between < courseScale, "half known: between the two, " + between);
    }

    private static double width80(final FinishForecast forecast) {
        return forecast.spread().quantile(0.9) - forecast.spread().quantile(0.1);
    }
}
