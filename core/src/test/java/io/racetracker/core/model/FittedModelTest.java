package io.racetracker.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Sex;
import io.racetracker.core.race.Courses;
import io.racetracker.core.race.RaceTime;
import io.racetracker.core.results.ResultsFormat;
import io.racetracker.core.results.ResultsReader;
import io.racetracker.core.results.ResultsReaderTest;
import io.racetracker.core.results.RunnerResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FittedModelTest {
    private static final long SUB_2 = 7_200_000;
    private static final RunnerProfile KIPCHOGE = new RunnerProfile(Sex.M, 34);
    private static final double[] VIENNA_M = {5_000, 10_000, 15_000, 20_000, Courses.HALF_M, 25_000, 30_000, 35_000,
        40_000};
    private static final String[] VIENNA_TIMES = {"14:10", "28:20", "42:34", "56:47", "59:35", "1:10:59", "1:25:11",
        "1:39:23", "1:53:36"};

    private final FinishTimeModel model = Models.live();

    private static List<Split> viennaUpTo(final double distanceM) {
        final List<Split> splits = new ArrayList<>();
        for (int i = 0; i < VIENNA_M.length && VIENNA_M[i] <= distanceM; i++) {
            splits.add(new Split(VIENNA_M[i], RaceTime.parse(VIENNA_TIMES[i])));
        }
        return splits;
    }

    @Test
    void theLiveModelIsTheFittedOne() {
        assertTrue(model instanceof FittedModel);
    }

    /**
     * The median alone is the forecast's median exactly, for runners of every speed, age and sex, from any set of mats
     * (missed ones too), before and past the fits' distances, at the finish, on a half and a 10 km as on a marathon.
     */
    @Test
    void theProjectedFinishAloneIsTheForecastsToTheMillisecond() {
        final Random random = new Random(20);
        final double[] courses = {Courses.MARATHON_M, Courses.HALF_M, 10_000};
        int compared = 0;
        for (int n = 0; n < 20_000; n++) {
            final double courseM = courses[n % courses.length];
            final double paceMsPerM = 150 + random.nextDouble() * 700;
            final RunnerProfile profile = new RunnerProfile(random.nextBoolean() ? Sex.M : Sex.F,
                    random.nextInt(8) == 0 ? null : 16 + random.nextInt(70));
            final List<Split> splits = new ArrayList<>();
            double at = 0;
            long elapsed = 0;
            while (true) {
                at += 300 + random.nextDouble() * (random.nextInt(4) == 0 ? 12_000 : 5_000);
                if (at >= courseM || random.nextInt(12) == 0) {
                    break;
                }
                elapsed += Math.round((at - (splits.isEmpty() ? 0 : splits.get(splits.size() - 1).distanceM()))
                        * paceMsPerM * (0.85 + 0.3 * random.nextDouble()));
                splits.add(new Split(at, elapsed));
            }
            if (random.nextInt(10) == 0) {
                final double lastM = splits.isEmpty() ? 0 : splits.get(splits.size() - 1).distanceM();
                splits.add(new Split(courseM, elapsed + Math.round((courseM - lastM) * paceMsPerM)));
            }
            if (splits.isEmpty()) {
                continue;
            }
            assertEquals(model.forecast(splits, courseM, profile).projectedFinishMs(),
                    model.projectedFinishMs(splits, courseM, profile), () -> profile + " " + splits + " of " + courseM);
            compared++;
        }
        assertTrue(compared > 15_000, "compared " + compared);
    }

    @Test
    void atTheFinishTheForecastIsTheActualTimeWithNoWidth() {
        final List<Split> splits = new ArrayList<>(viennaUpTo(40_000));
        splits.add(new Split(Courses.MARATHON_M, 7_180_200));

        final FinishForecast f = model.forecast(splits, Courses.MARATHON_M, KIPCHOGE);

        assertEquals(7_180_200, f.projectedFinishMs());
        assertEquals(7_180_200, f.quantileMs(0.1));
        assertEquals(7_180_200, f.quantileMs(0.9));
        assertEquals(1.0, f.probabilityUnder(SUB_2));
        assertEquals(0.0, f.probabilityUnder(7_000_000));
    }

    @Test
    void viennaSub2ChanceRisesFromAboutEvenToNearlyCertain() {
        final double at5 = model.forecast(viennaUpTo(5_000), Courses.MARATHON_M, KIPCHOGE).probabilityUnder(SUB_2);
        final double at40 = model.forecast(viennaUpTo(40_000), Courses.MARATHON_M, KIPCHOGE).probabilityUnder(SUB_2);

        assertTrue(at5 > 0.3 && at5 < 0.8, "P(sub-2) at 5 km was " + at5);
        assertTrue(at40 > 0.95, "P(sub-2) at 40 km was " + at40);
        final FinishForecast f40 = model.forecast(viennaUpTo(40_000), Courses.MARATHON_M, KIPCHOGE);
        assertTrue(Math.abs(f40.projectedFinishMs() - 7_180_200) < 30_000, "projected " + f40.projectedFinishMs());
    }

    @Test
    void exactlyEvenTwoHourPaceIsAboutAHalf() {
        for (final double d : new double[] {5_000, 21_097.5, 30_000, 40_000}) {
            final List<Split> even = List.of(new Split(d, Math.round(SUB_2 * d / Courses.MARATHON_M)));
            final double p = model.forecast(even, Courses.MARATHON_M, KIPCHOGE).probabilityUnder(SUB_2);
            assertTrue(p > 0.35 && p < 0.65, "P(sub-2) on even pace at " + d + " m was " + p);
        }
    }

    @Test
    void quantilesIncreaseAndTheBandNarrowsAsTheDistanceRunsOut() {
        double previousWidth = Double.MAX_VALUE;
        for (final double d : new double[] {5_000, 15_000, 25_000, 35_000, 40_000}) {
            // a 4:00 mass runner on 5:41/km
            final List<Split> splits = List.of(new Split(d, Math.round(341.2 * d)));
            final FinishForecast f = model.forecast(splits, Courses.MARATHON_M, new RunnerProfile(Sex.F, 45));
            final long p10 = f.quantileMs(0.10);
            final long p50 = f.projectedFinishMs();
            final long p90 = f.quantileMs(0.90);
            assertTrue(f.quantileMs(0.025) < p10 && p10 < p50 && p50 < p90 && p90 < f.quantileMs(0.975),
                    d + " m: " + p10 + " " + p50 + " " + p90);
            assertTrue(p90 - p10 < previousWidth, "band at " + d + " m is not narrower than before");
            previousWidth = p90 - p10;
            final double pAtMedian = f.probabilityUnder(p50);
            assertTrue(Math.abs(pAtMedian - 0.5) < 0.02, "P(finish < median) = " + pAtMedian);
        }
    }

    @Test
    void missedMatsStillGiveAForecast() {
        final List<Split> onlySome = List.of(new Split(15_000, 4_500_000), new Split(30_000, 9_300_000));
        final List<Split> no5k = List.of(new Split(10_000, 3_000_000));
        final List<Split> lap = List.of(new Split(1_200, 204_000), new Split(10_800, 1_837_000));

        for (final List<Split> splits : List.of(onlySome, no5k, lap)) {
            final FinishForecast f = model.forecast(splits, Courses.MARATHON_M, RunnerProfile.UNKNOWN);
            final long last = splits.get(splits.size() - 1).elapsedMs();
            assertTrue(f.projectedFinishMs() > last, splits::toString);
            assertTrue(f.quantileMs(0.1) < f.quantileMs(0.9), splits::toString);
        }
    }

    @Test
    void slowingDownLatelyProjectsASlowerFinishThanHoldingPace() {
        final List<Split> steady = List.of(new Split(25_000, 7_500_000), new Split(30_000, 9_000_000));
        final List<Split> slowing = List.of(new Split(25_000, 7_200_000), new Split(30_000, 9_000_000));

        final long steadyFinish = model.forecast(steady, Courses.MARATHON_M, RunnerProfile.UNKNOWN).projectedFinishMs();
        final long slowingFinish = model.forecast(slowing, Courses.MARATHON_M, RunnerProfile.UNKNOWN).projectedFinishMs();

        assertTrue(slowingFinish > steadyFinish, slowingFinish + " vs " + steadyFinish);
    }

    @Test
    void refitsFromResultsAndPredictsSensibly() {
        final List<RunnerResult> runners = ResultsReader.read(ResultsReaderTest.sample("boston-2023-sample.csv.gz"),
                ResultsFormat.BOSTON).runners();
        final List<Integer> done = new ArrayList<>();

        final FittedModel fitted = new FittedModel(ModelFitter.fit(runners, List.of("sample"), done::add));

        assertEquals(9, done.size());
        final FinishForecast f = fitted.forecast(List.of(new Split(21_097.5, 6_300_000)), Courses.MARATHON_M,
                RunnerProfile.UNKNOWN);
        assertTrue(f.projectedFinishMs() > 12_000_000 && f.projectedFinishMs() < 14_500_000, f::toString);
    }
}
