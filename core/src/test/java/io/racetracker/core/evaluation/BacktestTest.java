package io.racetracker.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.model.EvenPaceModel;
import io.racetracker.core.model.FinishForecast;
import io.racetracker.core.model.FinishTimeModel;
import io.racetracker.core.model.FittedModel;
import io.racetracker.core.model.Models;
import io.racetracker.core.model.Spread;
import io.racetracker.core.results.ResultsFormat;
import io.racetracker.core.results.ResultsReader;
import io.racetracker.core.results.RunnerResult;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The backtest's figures: accuracy, calibration and the CSV, on a sample of real results. */
class BacktestTest {
    private static final String CONTRACT = "bib,split_km,elapsed_s,projected_finish_s,p10_s,p90_s,p_target,actual_finish_s";

    private static Path sample() throws URISyntaxException {
        return Path.of(BacktestTest.class.getResource("/results/boston-2023-sample.csv.gz").toURI());
    }

    @Test
    void theFittedModelBeatsEvenPaceOnHeldOutResults() throws Exception {
        // the sample is from Boston 2023, which the live model is fitted on; the same method fitted on Boston
        // 2021-2022 alone (fit-model's output, kept as a test resource) has never seen it
        final FittedModel heldOut = FittedModel.fromFile(
                Path.of(BacktestTest.class.getResource("/models/boston-2021-2022.json").toURI()));
        final List<RunnerResult> runners = ResultsReader.read(sample(), ResultsFormat.BOSTON).runners();
        final StringWriter csv = new StringWriter();

        final Backtest.Result result = new Backtest("boston-2023", heldOut, new EvenPaceModel(), 12_840_000)
                .run(runners, csv, () -> { });

        assertTrue(result.completeRunners() > 200);
        assertTrue(result.overallMaeModelMin() < 0.85 * result.overallMaeBaselineMin(),
                result.overallMaeModelMin() + " vs " + result.overallMaeBaselineMin());
        for (final Backtest.SplitStats s : result.splits()) {
            assertTrue(s.brierModel() <= s.brierBaseline() + 0.01, s.label() + " Brier " + s.brierModel());
            assertTrue(s.coverage80() > 0.6, s.label() + " 80% band covered " + s.coverage80());
        }
        final String[] lines = csv.toString().split("\n");
        assertTrue(lines[0].startsWith(CONTRACT + ","), lines[0]);
        assertEquals(result.rows() + 1, lines.length);
    }

    private static Backtest.Result replaySample(final FinishTimeModel model) throws Exception {
        final List<RunnerResult> runners = ResultsReader.read(sample(), ResultsFormat.BOSTON).runners();
        return new Backtest("boston-2023", model, new EvenPaceModel(), 12_840_000).run(runners, new StringWriter(), () -> { });
    }

    @Test
    void theBandScaleNeededHalvesWhenTheBandIsTwiceAsWide() throws Exception {
        final FinishTimeModel live = Models.live();
        final FinishTimeModel twiceAsWide = (splits, courseM, profile) -> {
            final FinishForecast f = live.forecast(splits, courseM, profile);
            final Spread spread = f.spread();
            return f.medianRemainingMs() == 0 ? f : new FinishForecast(f.elapsedMs(), f.medianRemainingMs(),
                    new Spread() {
                        @Override
                        public double quantile(final double p) {
                            return 2 * spread.quantile(p);
                        }

                        @Override
                        public double cdf(final double x) {
                            return spread.cdf(x / 2);
                        }
                    });
        };

        final Backtest.Result plain = replaySample(live);
        final Backtest.Result wide = replaySample(twiceAsWide);

        for (int i = 0; i < plain.splits().size(); i++) {
            final Backtest.SplitStats s = plain.splits().get(i);
            final Backtest.SplitStats w = wide.splits().get(i);
            assertEquals(s.bandScaleFor(0.80) / 2, w.bandScaleFor(0.80), 1e-9, s.label());
            // the band as it was (scale 1) holds exactly the finishers counted inside it, up to the millisecond
            // rounding of its edges: the k-th smallest distance in band units is at most 1, the next one at least 1
            final double held = s.coverage80();
            assertTrue(s.bandScaleFor(held) <= 1.001, s.label() + " " + s.bandScaleFor(held));
            assertTrue(s.bandScaleFor(held + 1.0 / s.n()) >= 0.999, s.label() + " " + s.bandScaleFor(held + 1.0 / s.n()));
            assertTrue(s.bandScaleFor(0.77) <= s.bandScaleFor(0.80) && s.bandScaleFor(0.80) <= s.bandScaleFor(0.83));
        }
    }

    @Test
    void theMedianMissIsTheShareByWhichTheRestOfTheRaceOutranTheProjection() throws Exception {
        final FinishTimeModel live = Models.live();
        final FinishTimeModel tenPercentSlower = (splits, courseM, profile) -> {
            final FinishForecast f = live.forecast(splits, courseM, profile);
            return f.medianRemainingMs() == 0 ? f
                    : new FinishForecast(f.elapsedMs(), 1.1 * f.medianRemainingMs(), f.spread());
        };

        final Backtest.Result plain = replaySample(live);
        final Backtest.Result slower = replaySample(tenPercentSlower);

        for (int i = 0; i < plain.splits().size(); i++) {
            final Backtest.SplitStats s = plain.splits().get(i);
            assertEquals((1 + s.medianMiss()) / 1.1, 1 + slower.splits().get(i).medianMiss(), 1e-9, s.label());
            assertTrue(Math.abs(s.medianMiss()) < 0.1, s.label() + " " + s.medianMiss());
        }
    }

    @Test
    void finishRowsHaveTheActualTimeAndNoBand() throws Exception {
        final List<RunnerResult> runners = ResultsReader.read(sample(), ResultsFormat.BOSTON).runners().subList(0, 3);
        final StringWriter csv = new StringWriter();

        new Backtest("boston-2023", Models.live(), new EvenPaceModel(), 7_200_000).run(runners, csv, () -> { });

        final String finish = csv.toString().lines().filter(l -> l.startsWith("1,42.1950,")).findFirst().orElseThrow();
        final String[] f = finish.split(",");
        assertEquals(f[2], f[3]);
        assertEquals(f[3], f[4]);
        assertEquals(f[3], f[5]);
        assertEquals(f[3], f[7]);
    }
}
