package io.racetracker.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Sex;
import io.racetracker.core.race.Courses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** The runner's factor on the within-day spread: its fit and how a forecast applies it. */
class RunnerScaleTest {
    private static final NormalDistribution N = NormalDistribution.of(0, 1);

    /** A runner at 5:00-6:00/km; women run slower here, so pace and sex are confounded as in real fields. */
    private static Features.Raw runner(final Random random) {
        final double female = random.nextBoolean() ? 1 : 0;
        final double logPace = Math.log(300) + 0.15 * random.nextDouble() + 0.1 * female;
        final double segment = 0.02 + 0.03 * random.nextGaussian();
        final double age = -1.5 + 3.5 * random.nextDouble();
        return new Features.Raw(10_000, 32_195, 9_000_000, logPace, segment, female, age, 0);
    }

    /** The true log scale: narrower for women, wider with age and after slowing, and wider at slower paces. */
    private static double trueLogScale(final Features.Raw r) {
        return -0.3 * r.female() + 0.1 * r.age() + 4 * Math.max(0, r.logSegment() - 0.02)
                + 2 * (r.logPace() - Math.log(300));
    }

    @Test
    void recoversHowTheSpreadDependsOnTheRunnerWithoutTakingPaceForSex() {
        final Random random = new Random(7);
        final List<Features.Raw> raws = new ArrayList<>();
        final int n = 40_000;
        final double[] deviations = new double[n];
        for (int i = 0; i < n; i++) {
            final Features.Raw r = runner(random);
            raws.add(r);
            deviations[i] = 0.05 * Math.exp(trueLogScale(r)) * random.nextGaussian();
        }
        final double[] paceKnots = {Math.log(300), Math.log(300) + 0.125, Math.log(300) + 0.25};

        final ModelParameters.RunnerScale scale = RunnerScaleFitter.fit(raws, paceKnots, deviations);

        final double[] knots = scale.segmentKnots();
        assertEquals(RunnerScaleFitter.SEGMENT_KNOT_PERCENTILES.length, knots.length);
        for (int j = 1; j < knots.length; j++) {
            assertTrue(knots[j] > knots[j - 1], Arrays.toString(knots));
        }
        final double[] c = scale.coefficients();
        final int e = knots.length;
        // women slower and less spread: without the pace terms the female coefficient would absorb 2 x 0.1
        assertEquals(-0.3, c[e], 0.04, "female");
        assertEquals(0.1, c[e + 1], 0.02, "age");
        assertEquals(0, c[e + 2], 0.02, "age^2");
        assertEquals(0, c[e + 4], 0.03, "female*age");
        // the segment curve: flat while steady, rising once the runner has slowed
        final Features.Raw steady = new Features.Raw(10_000, 32_195, 9_000_000, Math.log(300), 0.0, 0, 0, 0);
        final Features.Raw slowed = new Features.Raw(10_000, 32_195, 9_000_000, Math.log(300), 0.07, 0, 0, 0);
        assertEquals(4 * 0.05, scale.logFactor(slowed) - scale.logFactor(steady), 0.06);
        // the factor is 1 on average over the runners fitted on (in log terms)
        final double mean = raws.stream().mapToDouble(scale::logFactor).average().orElseThrow();
        assertEquals(0, mean, 1e-3);
    }

    @Test
    void theLogFactorIsTheDotProductOfTheScaleFeatures() {
        final ModelParameters.RunnerScale scale = new ModelParameters.RunnerScale(new double[] {-0.02, 0.0, 0.05},
                new double[] {0.1, -0.1, 0.4, -0.3, 0.05, 0.01, 0.2, 0.03});
        final Random random = new Random(3);
        final double[] x = new double[8];
        for (int i = 0; i < 100; i++) {
            final Features.Raw r = new Features.Raw(20_000, 22_195, 7_000_000, 5.7, -0.05 + 0.15 * random.nextDouble(),
                    random.nextInt(3) / 2.0, -2 + 6 * random.nextDouble(), random.nextInt(2));
            RunnerScaleFitter.scaleFeatures(r, scale.segmentKnots(), x);
            double dot = 0;
            for (int j = 0; j < x.length; j++) {
                dot += x[j] * scale.coefficients()[j];
            }
            assertEquals(dot, scale.logFactor(r), 1e-12);
        }
    }

    @Test
    void atTheFirstMatEveryoneHasTheSameSegmentSoTheCurveIsOneLevel() {
        final Random random = new Random(11);
        final List<Features.Raw> raws = new ArrayList<>();
        final double[] deviations = new double[2_000];
        for (int i = 0; i < deviations.length; i++) {
            final Features.Raw r = runner(random);
            raws.add(new Features.Raw(5_000, 37_195, 9_000_000, r.logPace(), 0, r.female(), r.age(), 0));
            deviations[i] = 0.05 * random.nextGaussian();
        }

        final ModelParameters.RunnerScale scale = RunnerScaleFitter.fit(raws, new double[] {Math.log(330)}, deviations);

        assertArrayEquals(new double[] {0}, scale.segmentKnots());
        assertEquals(1 + ModelParameters.RunnerScale.FEATURES.size(), scale.coefficients().length);
    }

    /** One bin, no regression effects, a normal band of sd 0.1 and women's within-day spread twice the men's. */
    private static FittedModel model(final double raceDaySd) {
        return model(raceDaySd, new ModelParameters.ElitePrior(Math.log(150), Math.log(140), 0.2));
    }

    private static FittedModel model(final double raceDaySd, final ModelParameters.ElitePrior elitePrior) {
        final double[] p = ModelFitter.PROBABILITIES;
        final double[] q = new double[p.length];
        for (int j = 0; j < p.length; j++) {
            q[j] = 0.1 * N.inverseCumulativeProbability(p[j]);
        }
        final ModelParameters.DistanceFit fit = new ModelParameters.DistanceFit(20_000, 1000,
                new double[] {Math.log(300)}, new double[1 + Features.EXTRA], new double[][] {q}, raceDaySd,
                new ModelParameters.RunnerScale(new double[] {0}, new double[] {0, Math.log(2), 0, 0, 0, 0}), null);
        return new FittedModel(new ModelParameters("test", List.of(), 1000, List.of(Features.EXTRA_NAMES), p,
                List.of(fit), elitePrior, List.of()));
    }

    /** Parameters without an elite prior (it may be left out) forecast as a prior that does not reach the runner. */
    @Test
    void aModelWithoutAnElitePriorForecastsAsOneWhosePriorDoesNotReachTheRunner() {
        final List<Split> splits = List.of(new Split(20_000, 6_000_000)); // 5:00/km, far from the prior's 2:30/km
        final RunnerProfile runner = new RunnerProfile(Sex.F, 40);
        final FinishForecast with = model(0.05).forecast(splits, Courses.MARATHON_M, runner);
        final FinishForecast without = model(0.05, null).forecast(splits, Courses.MARATHON_M, runner);
        assertEquals(with.projectedFinishMs(), without.projectedFinishMs());
        assertEquals(logWidth80(with), logWidth80(without), 1e-12);
        assertEquals(with.projectedFinishMs(), model(0.05, null).projectedFinishMs(splits, Courses.MARATHON_M, runner));
    }

    private static double logWidth80(final FinishForecast f) {
        return f.spread().quantile(0.9) - f.spread().quantile(0.1);
    }

    @Test
    void aRunnersFactorWidensOnlyTheWithinDayPartOfTheBandAndLeavesTheProjection() {
        final List<Split> splits = List.of(new Split(20_000, 6_000_000));
        final RunnerProfile man = new RunnerProfile(Sex.M, 40);
        final RunnerProfile woman = new RunnerProfile(Sex.F, 40);

        final FittedModel noRaceDay = model(0);
        final FinishForecast m = noRaceDay.forecast(splits, Courses.MARATHON_M, man);
        final FinishForecast w = noRaceDay.forecast(splits, Courses.MARATHON_M, woman);
        assertEquals(m.projectedFinishMs(), w.projectedFinishMs());
        assertEquals(2 * 0.1 * 2 * N.inverseCumulativeProbability(0.9), logWidth80(w), 1e-9);
        assertEquals(2, logWidth80(w) / logWidth80(m), 1e-9);

        // half the band's variance is the race-day shift, which a woman shares with a man: sqrt(4 x 0.5 + 0.5)
        final FittedModel halfRaceDay = model(0.1 * Math.sqrt(0.5));
        final double ratio = logWidth80(halfRaceDay.forecast(splits, Courses.MARATHON_M, woman))
                / logWidth80(halfRaceDay.forecast(splits, Courses.MARATHON_M, man));
        assertEquals(Math.sqrt(2.5), ratio, 1e-6);
    }
}
