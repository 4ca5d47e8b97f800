package io.racetracker.cli;

import io.racetracker.core.evaluation.Backtest;
import io.racetracker.core.evaluation.ClockBacktest;
import io.racetracker.core.model.EvenPaceModel;
import io.racetracker.core.model.FinishTimeModel;
import io.racetracker.core.model.FittedModel;
import io.racetracker.core.model.Models;
import io.racetracker.core.nowcast.NowcastSettings;
import io.racetracker.core.race.RaceTime;
import io.racetracker.core.racefile.RaceFile;
import io.racetracker.core.racefile.RaceFileReader;
import io.racetracker.core.results.RaceNames;
import io.racetracker.core.results.ResultsFile;
import io.racetracker.core.results.ResultsFormat;
import io.racetracker.core.results.ResultsReader;
import io.racetracker.core.results.RunnerResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Replay a results file split by split through the live prediction model and the even-pace "
            + "baseline; write every prediction as CSV and print accuracy and calibration.",
            "Figures are over finishers with a read at every mat; the CSV has every finisher."})
final class BacktestCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--results", paramLabel = "FILE", required = true, description = "Results file, plain or gzip'd.")
    Path results;

    @Option(names = "--format", paramLabel = "FORMAT", required = true, description = "boston or majors.")
    String format;

    @Option(names = "--out", paramLabel = "PREDICTIONS.csv", required = true, description = "Where to write the predictions.")
    Path out;

    @Option(names = "--target", paramLabel = "H:MM:SS",
            description = "Target time for P(finish < target) (default: the file's median finish, to the minute).")
    String target;

    @Option(names = "--model", paramLabel = "FILE",
            description = "Model parameters written by fit-model (default: the live model).")
    Path modelFile;

    @Option(names = "--race", paramLabel = "RACE.yaml",
            description = {"The race file with the start waves (gun times and bibs): replay the field in order of"
                + " rebuilt clock time, projected by the fixed model and by the nowcast that learns the day from the"
                + " runners ahead; figures per wave too, and wave and clock columns in the CSV.",
                "Finishers whose bib is in no wave are left out."})
    Path race;

    @Option(names = "--start-spread", paramLabel = "MINUTES", defaultValue = "15",
            description = "With --race: minutes over which a wave's runners cross the start line after its gun, in"
                + " bib order (default ${DEFAULT-VALUE}; the professional fields cross at the gun).")
    double startSpreadMinutes;

    @Option(names = "--nowcast-evidence", paramLabel = "N",
            description = "With --race: runners whose stretch weighs as much as no difference from the model"
                + " (default: the shipped setting).")
    Double evidence;

    @Option(names = "--nowcast-level-evidence", paramLabel = "N",
            description = "With --race: the same for a pace level's departure from the field (default: the shipped"
                + " setting).")
    Double levelEvidence;

    @Option(names = "--nowcast-band-floor", paramLabel = "SHARE",
            description = "With --race: the least share of the model's band kept once the day is known on the rest"
                + " of the course (default: the shipped setting).")
    Double bandFloor;

    @Option(names = "--quiet", description = "No progress bar or progress lines; only the summary.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        final ResultsFile file = ResultsReader.read(results, ResultsFormat.parse(format));
        final List<RunnerResult> runners = file.runners();
        if (runners.isEmpty()) {
            throw new IllegalArgumentException(results + ": no usable rows (" + file.problems().size() + " skipped"
                    + (file.problems().isEmpty() ? "" : "; first: " + file.problems().get(0)) + ")");
        }
        final long targetMs = target != null ? RaceTime.parse(target) : medianFinishToTheMinute(runners);
        final FinishTimeModel model = modelFile != null ? FittedModel.fromFile(modelFile) : Models.live();
        final PrintStream console = System.out;
        console.printf("%s: %d finishers, %d rows skipped%s%n", results, runners.size(), file.problems().size(),
                file.problems().isEmpty() ? "" : " (first: " + file.problems().get(0) + ")");
        console.printf("Model: %s; target %s%s%n", modelFile != null ? modelFile : model.getClass().getSimpleName(),
                RaceTime.hms(targetMs), target != null ? "" : " (median finish of the file; set with --target)");

        final Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (race != null) {
            return clockOrdered(runners, model, targetMs, console);
        }
        final Backtest.Result result;
        try (BufferedWriter csv = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
             Progress progress = Progress.start("runners", runners.size(), null, quiet)) {
            result = new Backtest(RaceNames.raceOf(results.getFileName().toString()), model, new EvenPaceModel(),
                    targetMs).run(runners, csv, progress::step);
        }
        print(result, console);
        console.printf("Wrote %d predictions to %s%n", result.rows(), out);
        return 0;
    }

    private int clockOrdered(final List<RunnerResult> runners, final FinishTimeModel model, final long targetMs,
                             final PrintStream console) throws IOException {
        if (!(startSpreadMinutes >= 0)) {
            throw new IllegalArgumentException("--start-spread must be 0 or more minutes");
        }
        final RaceFile raceFile = RaceFileReader.read(race);
        NowcastSettings settings = NowcastSettings.DEFAULT;
        settings = settings.withEvidence(evidence != null ? evidence : settings.evidence(),
                levelEvidence != null ? levelEvidence : settings.levelEvidence());
        settings = settings.withBandFloor(bandFloor != null ? bandFloor : settings.bandFloor());
        final ClockBacktest backtest = new ClockBacktest(raceFile.raceId(), model, settings, targetMs,
                Math.round(startSpreadMinutes * 60_000), ClockBacktest.PUBLISH_EVERY_MS);
        final List<ClockBacktest.Placed> field = backtest.place(runners, raceFile);
        console.printf("Race %s: %d finishers in its waves, %d in none (left out); start-line spread %.1f min%n",
                raceFile.raceId(), field.size(), runners.size() - field.size(), startSpreadMinutes);
        final ClockBacktest.Result result;
        try (BufferedWriter csv = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            result = backtest.run(field, runners.size() - field.size(), csv);
        }
        printClock("all waves", result.all(), console);
        result.byWave().forEach((wave, mats) -> printClock("wave " + wave, mats, console));
        console.println("At the end: " + result.finalConditions().summary());
        console.println("the day known in hindsight: each fixed projection moved by the median miss of its mat and pace"
                + " level over the whole field, as it turned out; no estimate made during the race does better, so it"
                + " bounds what any correction for the day can take off the fixed model's error.");
        console.printf("Wrote %d predictions to %s%n", result.rows(), out);
        return 0;
    }

    static void printClock(final String title, final List<ClockBacktest.MatFigures> mats, final PrintStream console) {
        console.printf("%n%s: finishers with every mat, fixed model | nowcast (| the day known in hindsight)%n", title);
        console.println("split  runners    MAE fixed | nowcast | hindsight   in 80% band      in 95% band      Brier fixed"
                + " | nowcast   median miss");
        for (final ClockBacktest.MatFigures m : mats) {
            if (m.fixed().n() == 0) {
                continue;
            }
            console.println(String.format(Locale.ROOT, "%-5s  %7d  %7.2f | %5.2f | %5.2f m  %5.1f | %5.1f%%"
                            + "  %5.1f | %5.1f%%  %11.4f | %.4f  %+5.1f | %+5.1f%%",
                    m.label(), m.fixed().n(), m.fixed().maeMin(), m.nowcast().maeMin(), m.hindsight().maeMin(),
                    100 * m.fixed().coverage80(), 100 * m.nowcast().coverage80(),
                    100 * m.fixed().coverage95(), 100 * m.nowcast().coverage95(),
                    m.fixed().brier(), m.nowcast().brier(), 100 * m.fixed().medianMiss(), 100 * m.nowcast().medianMiss()));
        }
        console.println(String.format(Locale.ROOT, "overall MAE (mean of 5K..40K): fixed %.2f min, nowcast %.2f min;"
                        + " the day known in hindsight %.2f min",
                ClockBacktest.Result.overallMae(mats, false), ClockBacktest.Result.overallMae(mats, true),
                ClockBacktest.Result.overallMae(mats, ClockBacktest.MatFigures::hindsight)));
    }

    static long medianFinishToTheMinute(final List<RunnerResult> runners) {
        final long[] finishes = runners.stream().mapToLong(RunnerResult::finishMs).sorted().toArray();
        return Math.round(finishes[finishes.length / 2] / 60_000.0) * 60_000;
    }

    static void print(final Backtest.Result result, final PrintStream console) {
        console.printf("%nFinishers with every mat: %d of %d%n", result.completeRunners(), result.runners());
        console.println("split  runners  MAE model  MAE even-pace  in 50% band  in 80% band  in 95% band"
                + "  Brier model  Brier even-pace  median miss  80% band x (77-83%)");
        for (final Backtest.SplitStats s : result.splits()) {
            if (s.n() == 0) {
                continue;
            }
            console.println(String.format(Locale.ROOT, "%-5s  %7d  %8.2f m  %12.2f m  %10.1f%%  %10.1f%%  %10.1f%%"
                            + "  %11.4f  %15.4f  %+10.1f%%  %5.2f (%.2f-%.2f)",
                    s.label(), s.n(), s.maeModelMin(), s.maeBaselineMin(),
                    100 * s.model().coverage50(), 100 * s.model().coverage80(), 100 * s.model().coverage95(),
                    s.brierModel(), s.brierBaseline(), 100 * s.medianMiss(),
                    s.bandScaleFor(0.80), s.bandScaleFor(0.77), s.bandScaleFor(0.83)));
        }
        console.println(String.format(Locale.ROOT, "overall MAE (mean of 5K..40K): model %.2f min, even pace %.2f min",
                result.overallMaeModelMin(), result.overallMaeBaselineMin()));
        console.println("median miss: over these finishers, the median of how much longer (+) or shorter (-) than"
                + " projected the rest of the race took; the day's bias.");
        console.println("80% band x: the factor on the 80% band's width (around the projection, in log remaining time)"
                + " that would have held 80% of these finishers (77-83%: the range the goal allows); above 1 the band"
                + " was too narrow, below 1 too wide.");
    }
}
