package io.racetracker.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.model.FinishTimeModel;
import io.racetracker.core.model.Models;
import io.racetracker.core.nowcast.NowcastSettings;
import io.racetracker.core.racefile.RaceFile;
import io.racetracker.core.racefile.RaceFileReader;
import io.racetracker.core.results.MatTime;
import io.racetracker.core.results.ResultsFormat;
import io.racetracker.core.results.ResultsReader;
import io.racetracker.core.results.RunnerResult;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The clock-ordered backtest: reads in clock order, each projection blind to its own future, the day learnt. */
class ClockBacktestTest {
    private static final FinishTimeModel MODEL = Models.live();
    /** A field of a few hundred teaches little at the shipped evidence; these tests want to see it move. */
    private static final NowcastSettings EAGER = NowcastSettings.DEFAULT.withEvidence(5, 20);
    private static final long TARGET_MS = 12_840_000;

    private static List<RunnerResult> sample() throws Exception {
        return ResultsReader.read(Path.of(ClockBacktestTest.class.getResource("/results/boston-2023-sample.csv.gz")
                .toURI()), ResultsFormat.BOSTON).runners();
    }

    private static RaceFile boston2023() {
        return RaceFileReader.read(Path.of("..", "examples", "boston", "boston-2023.yaml"));
    }

    private static ClockBacktest backtest() {
        return new ClockBacktest("boston-2023", MODEL, EAGER, TARGET_MS, 15 * 60_000, ClockBacktest.PUBLISH_EVERY_MS);
    }

    private static List<String[]> rows(final String csv) {
        final List<String[]> rows = new ArrayList<>();
        csv.lines().skip(1).forEach(line -> rows.add(line.split(",")));
        return rows;
    }

    @Test
    void readsAreReplayedInClockOrderWithTheirWave() throws Exception {
        final ClockBacktest backtest = backtest();
        final List<ClockBacktest.Placed> field = backtest.place(sample(), boston2023());
        final StringWriter csv = new StringWriter();
        final ClockBacktest.Result result = backtest.run(field, 0, csv);

        assertTrue(csv.toString().startsWith(ClockBacktest.HEADER));
        final List<String[]> rows = rows(csv.toString());
        assertEquals(result.rows(), rows.size());
        Instant previous = Instant.MIN;
        for (final String[] row : rows) {
            final Instant clock = Instant.parse(row[2]);
            assertTrue(!clock.isBefore(previous), "clock order: " + clock + " after " + previous);
            previous = clock;
            final long bib = Long.parseLong(row[0]);
            final String wave = bib < 100 ? "PRO-M" : bib < 200 ? "PRO-W" : bib < 8_000 ? "1" : bib < 16_000 ? "2"
                    : bib < 24_000 ? "3" : "4";
            assertEquals(wave, row[1], "the wave of bib " + bib);
        }
        // a 5K read of wave 4 comes after the gun at 11:15 EDT, plus the runner's 5 km
        rows.stream().filter(r -> r[1].equals("4") && r[3].equals("5.0000")).forEach(r -> assertTrue(
                Instant.parse(r[2]).isAfter(Instant.parse("2023-04-17T15:15:00Z").plusSeconds((long) Double.parseDouble(r[4]))
                        .minusMillis(1)), "wave 4 at 5K: " + String.join(",", r)));
        assertTrue(result.byWave().keySet().containsAll(List.of("1", "2", "3", "4")), result.byWave().keySet().toString());
    }

    /**
     * Everything after a moment of the race is changed (the rest of the day much slower): every projection made
     * before that moment must come out exactly the same, and the nowcast must have been at work before it.
     */
    @Test
    void noProjectionSeesItsOwnFuture() throws Exception {
        final RaceFile race = boston2023();
        final ClockBacktest backtest = backtest();
        final List<ClockBacktest.Placed> field = backtest.place(sample(), race);
        final StringWriter asRun = new StringWriter();
        backtest.run(field, 0, asRun);
        final List<String[]> rows = rows(asRun.toString());
        final Instant moment = Instant.parse(rows.get(rows.size() / 2)[2]);

        final List<ClockBacktest.Placed> changed = field.stream().map(p -> new ClockBacktest.Placed(
                slowerAfter(p.runner(), moment.toEpochMilli() - p.started().toEpochMilli()), p.wave(), p.started())).toList();
        final StringWriter otherFuture = new StringWriter();
        backtest.run(changed, 0, otherFuture);
        final List<String[]> rowsChanged = rows(otherFuture.toString());

        int before = 0;
        int nowcastAtWork = 0;
        for (int i = 0; i < rows.size() && Instant.parse(rows.get(i)[2]).isBefore(moment); i++) {
            assertEquals(projections(rows.get(i)), projections(rowsChanged.get(i)), "row " + i + " before the change");
            nowcastAtWork += rows.get(i)[5].equals(rows.get(i)[10]) ? 0 : 1;
            before++;
        }
        assertTrue(before > 100, "rows before the change: " + before);
        assertTrue(nowcastAtWork > 10, "the nowcast moved " + nowcastAtWork + " projections before the change");
        assertNotEquals(asRun.toString(), otherFuture.toString(), "the change must show after the moment");
    }

    /** A row without the actual finish (column 9), which the changed future changes. */
    private static List<String> projections(final String[] row) {
        final List<String> kept = new ArrayList<>(List.of(row));
        kept.remove(9);
        return kept;
    }

    /** The runner's reads after {@code fromMs} of chip time 30% slower from there on. */
    private static RunnerResult slowerAfter(final RunnerResult runner, final long fromMs) {
        final UnaryOperator<Long> slower = t -> t == null || t <= fromMs ? t : Long.valueOf(fromMs + Math.round((t - fromMs) * 1.3));
        final List<MatTime> mats = runner.mats().stream()
                .map(m -> new MatTime(m.label(), m.distanceM(), slower.apply(m.elapsedMs()))).toList();
        return new RunnerResult(runner.bib(), runner.age(), runner.sex(), mats, slower.apply(runner.finishMs()));
    }

    /** A day whose second half ran 8% slower than the model knows: the runners behind learn it from those ahead. */
    @Test
    void aSlowSecondHalfAheadMovesTheProjectionsOfTheRunnersBehind() throws Exception {
        final List<RunnerResult> slowDay = sample().stream().map(r -> slowerSecondHalf(r, 1.08)).toList();
        final ClockBacktest backtest = backtest();
        final ClockBacktest.Result result = backtest.run(backtest.place(slowDay, boston2023()), 0, new StringWriter());
        // by the time the last waves reach 20 km, the first have run the second half: the projections of the field
        // behind at 20K, the half and 25K are better for it (a few hundred runners in all: the earlier mats hear of
        // it from too few, and one wave's few dozen make single mats noisy, so the last three waves are taken together)
        double fixed = 0;
        double nowcast = 0;
        final StringBuilder seen = new StringBuilder();
        for (final String wave : List.of("2", "3", "4")) {
            for (final ClockBacktest.MatFigures at : result.byWave().get(wave).subList(3, 6)) {
                fixed += at.fixed().absErrorMs();
                nowcast += at.nowcast().absErrorMs();
                seen.append(String.format(" %s/%s %.2f|%.2f", wave, at.label(), at.fixed().maeMin(), at.nowcast().maeMin()));
            }
        }
        assertTrue(nowcast < 0.9 * fixed, "fixed | nowcast MAE by wave and mat:" + seen);
        assertTrue(result.finalConditions().fieldSlowdown() > 0.02, result.finalConditions().summary());
    }

    /**
     * The day known in hindsight: on a day whose second half ran 8% slower, moving every fixed projection by its mat
     * and pace level's median miss takes most of the error of the projections from the half off; on the day as it
     * was run, it changes little, and at no mat is it worse than the fixed model by more than noise.
     */
    @Test
    void theDayKnownInHindsightBoundsWhatACorrectionForTheDayCanTakeOff() throws Exception {
        final ClockBacktest backtest = backtest();
        final List<RunnerResult> slowDay = sample().stream().map(r -> slowerSecondHalf(r, 1.08)).toList();
        final ClockBacktest.Result slow = backtest.run(backtest.place(slowDay, boston2023()), 0, new StringWriter());
        final ClockBacktest.MatFigures half = slow.all().get(4);
        assertEquals("Half", half.label());
        assertTrue(half.hindsight().maeMin() < 0.6 * half.fixed().maeMin(),
                "at the half: fixed " + half.fixed().maeMin() + ", hindsight " + half.hindsight().maeMin());
        assertTrue(half.hindsight().maeMin() < half.nowcast().maeMin(), "the nowcast only knows the day so far");

        final ClockBacktest.Result asRun = backtest.run(backtest.place(sample(), boston2023()), 0, new StringWriter());
        for (final ClockBacktest.MatFigures at : asRun.all()) {
            assertEquals(at.fixed().n(), at.hindsight().n());
        }
        final double fixed = ClockBacktest.Result.overallMae(asRun.all(), false);
        final double hindsight = ClockBacktest.Result.overallMae(asRun.all(), ClockBacktest.MatFigures::hindsight);
        assertTrue(hindsight < fixed && hindsight > 0.7 * fixed, "overall: fixed " + fixed + ", hindsight " + hindsight);
    }

    private static RunnerResult slowerSecondHalf(final RunnerResult runner, final double factor) {
        final long half = runner.mats().stream().filter(m -> m.distanceM() > 21_000 && m.distanceM() < 21_200)
                .map(MatTime::elapsedMs).filter(t -> t != null).findFirst().orElse(runner.finishMs() / 2);
        final UnaryOperator<Long> slower = t -> t == null || t <= half ? t : Long.valueOf(half + Math.round((t - half) * factor));
        return new RunnerResult(runner.bib(), runner.age(), runner.sex(), runner.mats().stream()
                .map(m -> new MatTime(m.label(), m.distanceM(), slower.apply(m.elapsedMs()))).toList(),
                slower.apply(runner.finishMs()));
    }
}
