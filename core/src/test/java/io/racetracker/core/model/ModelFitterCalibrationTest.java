package io.racetracker.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.race.Courses;
import io.racetracker.core.results.MatTime;
import io.racetracker.core.results.RaceNames;
import io.racetracker.core.results.ResultsFormat;
import io.racetracker.core.results.ResultsReader;
import io.racetracker.core.results.ResultsReaderTest;
import io.racetracker.core.results.RunnerResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** The band calibration across races: race-day component, its robust estimate and the convolution. */
class ModelFitterCalibrationTest {
    private static final NormalDistribution N = NormalDistribution.of(0, 1);

    @Test
    void convolvingANormalSampleWithANormalAddsTheVariances() {
        final int n = 4000;
        final double[] sample = new double[n];
        for (int i = 0; i < n; i++) {
            sample[i] = N.inverseCumulativeProbability((i + 0.5) / n);
        }
        final double[] p = {0.025, 0.1, 0.5, 0.9, 0.975};

        final double[] q = Statistics.convolvedQuantiles(sample, 1.0, p);
        final double[] plain = Statistics.convolvedQuantiles(sample, 0, p);

        for (int j = 0; j < p.length; j++) {
            assertEquals(Math.sqrt(2) * N.inverseCumulativeProbability(p[j]), q[j], 0.02, "p = " + p[j]);
            assertEquals(Statistics.quantile(sample, p[j]), plain[j], 1e-12);
        }
    }

    @Test
    void raceDaySpreadComesFromPairsOfRacesOnTheSameCourseAndIgnoresOneBadMat() {
        // one course, one race: nothing to compare
        assertEquals(0, ModelFitter.raceDaySd(List.of("boston", "berlin"), List.of(0.01, -0.03)));
        // pairs within a course only: a 0.02; b 0.01, 0.02, 0.03; c 0.02, 0.01, 0.01 -> median 0.02
        final List<String> courses = List.of("a", "a", "b", "b", "b", "c", "c", "c");
        final double sd = ModelFitter.raceDaySd(courses, List.of(0.0, 0.02, 0.5, 0.51, 0.48, 0.1, 0.12, 0.11));
        assertEquals(0.02 / (Math.sqrt(2) * 0.6744897), sd, 1e-6);
        // a mat misplaced in one year moves that race a lot (c: 0.11 -> 0.0); the estimate does not move
        final double withBadMat = ModelFitter.raceDaySd(courses, List.of(0.0, 0.02, 0.5, 0.51, 0.48, 0.1, 0.12, 0.0));
        assertEquals(sd, withBadMat, 1e-9);
    }

    @Test
    void racesAndCoursesFromFileNames() {
        assertEquals("berlin-2016", RaceNames.raceOf("berlin-2016-M.psv.gz"));
        assertEquals("berlin-2016", RaceNames.raceOf("berlin-2016-W.psv.gz"));
        assertEquals("boston-2022", RaceNames.raceOf("boston-2022.csv.gz"));
        assertEquals("berlin", RaceNames.courseOf("berlin-2016"));
        assertEquals("boston", new ModelFitter.Race("boston-2021", List.of()).course());
        assertEquals("results", RaceNames.courseOf("results"));
    }

    @Test
    void aSlowerDayInOneTrainingRaceWidensTheEarlyBandButLeavesTheCentre() {
        final List<RunnerResult> runners = ResultsReader.read(ResultsReaderTest.sample("boston-2023-sample.csv.gz"),
                ResultsFormat.BOSTON).runners();
        final List<RunnerResult> first = new ArrayList<>();
        final List<RunnerResult> second = new ArrayList<>();
        for (int i = 0; i < runners.size(); i++) {
            // every other runner ran "another year" on the same course, on a day that cost 6% after 5 km
            (i % 2 == 0 ? first : second).add(i % 2 == 0 ? runners.get(i) : slowerAfter5k(runners.get(i), 1.06));
        }
        final List<RunnerResult> together = new ArrayList<>(first);
        together.addAll(second);

        final ModelParameters asOneRace = ModelFitter.fit(together, List.of("sample"), k -> { });
        final ModelParameters asTwoRaces = ModelFitter.fit(List.of(new ModelFitter.Race("sample-2001", first),
                new ModelFitter.Race("sample-2002", second)), List.of(), List.of("sample"), List.of(), k -> { });

        final double sd5k = asTwoRaces.distances().get(0).raceDaySd();
        assertEquals(Math.log(1.06) / (Math.sqrt(2) * 0.6744897), sd5k, 0.02, "race-day sd at 5 km");
        assertEquals(0.0, asOneRace.distances().get(0).raceDaySd());

        final List<Split> at5k = List.of(new Split(5_000, 1_700_000));
        final FinishForecast one = new FittedModel(asOneRace).forecast(at5k, Courses.MARATHON_M, RunnerProfile.UNKNOWN);
        final FinishForecast two = new FittedModel(asTwoRaces).forecast(at5k, Courses.MARATHON_M, RunnerProfile.UNKNOWN);
        assertEquals(one.projectedFinishMs(), two.projectedFinishMs(), 1_000, "the centre does not move");
        assertTrue(two.quantileMs(0.025) < two.quantileMs(0.1) && two.quantileMs(0.9) < two.quantileMs(0.975));
        // the bands of a runner with factor 1, bin by bin (a forecast also carries the runner's own factor, which
        // is fitted on the few runners of this sample and would blur the comparison)
        final double[][] inSample = asOneRace.distances().get(0).quantiles();
        final double[][] calibrated = asTwoRaces.distances().get(0).quantiles();
        final int p10 = indexOf(asOneRace.probabilities(), 0.1);
        final int p90 = indexOf(asOneRace.probabilities(), 0.9);
        assertEquals(inSample.length, calibrated.length);
        for (int b = 0; b < inSample.length; b++) {
            final double widthOne = inSample[b][p90] - inSample[b][p10];
            final double widthTwo = calibrated[b][p90] - calibrated[b][p10];
            assertTrue(widthTwo > widthOne * 1.1, "bin " + b + ": 80% band " + widthTwo + " vs " + widthOne
                    + " in-sample");
        }
    }

    private static int indexOf(final double[] values, final double v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == v) {
                return i;
            }
        }
        throw new AssertionError("no " + v);
    }

    /** The same runner with every time after 5 km stretched by {@code factor} from the 5 km time on. */
    private static RunnerResult slowerAfter5k(final RunnerResult r, final double factor) {
        final Long at5k = r.mats().get(0).elapsedMs();
        if (at5k == null) {
            return r;
        }
        final List<MatTime> mats = new ArrayList<>();
        for (final MatTime m : r.mats()) {
            mats.add(m.read() && m.distanceM() > 5_000
                    ? new MatTime(m.label(), m.distanceM(), at5k + Math.round((m.elapsedMs() - at5k) * factor)) : m);
        }
        return new RunnerResult(r.bib(), r.age(), r.sex(), mats, at5k + Math.round((r.finishMs() - at5k) * factor));
    }
}
