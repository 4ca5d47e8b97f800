package io.racetracker.core.evaluation;

import io.racetracker.core.model.FinishForecast;
import io.racetracker.core.model.FinishTimeModel;
import io.racetracker.core.model.RunnerProfile;
import io.racetracker.core.model.Split;
import io.racetracker.core.race.Courses;
import io.racetracker.core.results.MatTime;
import io.racetracker.core.results.RunnerResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Replays results split by split through a model and the even-pace baseline: writes one CSV row per runner and split
 * and keeps the accuracy and calibration figures. Figures are over finishers with every mat (as the published
 * table is), the CSV has every finisher and every read.
 */
public final class Backtest {
    public static final String HEADER = "bib,split_km,elapsed_s,projected_finish_s,p10_s,p90_s,p_target,actual_finish_s,"
            + "p25_s,p75_s,p2_5_s,p97_5_s,baseline_finish_s,baseline_p_target";

    private final String raceId;
    private final FinishTimeModel model;
    private final FinishTimeModel baseline;
    private final long targetMs;

    /**
     * @param raceId the race the results are of ({@code berlin-2016}): on a course the model was not fitted on, its
     *               bands carry what such a course adds ({@link FinishTimeModel#courseBandScale}), as they do live
     */
    public Backtest(final String raceId, final FinishTimeModel model, final FinishTimeModel baseline, final long targetMs) {
        this.raceId = raceId;
        this.model = model;
        this.baseline = baseline;
        this.targetMs = targetMs;
    }

    /** One forecaster's figures over the finishers at one mat. */
    public static final class Figures {
        private long n;
        private double absErrorMs;
        private long inside50;
        private long inside80;
        private long inside95;
        private double brier;
        /** Per finisher, {@code log(actual remaining / projected remaining)}: above 0 the rest took longer. */
        private final Samples misses = new Samples();
        /**
         * Per finisher, how far out the finish fell in units of the 80% band: the absolute miss over the band's
         * half-width on that side, in the same log terms. A finisher is inside the band scaled by c (around the
         * projection, in log remaining time) exactly when this is at most c.
         */
        private final Samples bandUnits = new Samples();

        void add(final FinishForecast f, final long actualMs, final long targetMs) {
            n++;
            absErrorMs += Math.abs(f.projectedFinishMs() - actualMs);
            inside50 += inside(f, 0.25, 0.75, actualMs);
            inside80 += inside(f, 0.10, 0.90, actualMs);
            inside95 += inside(f, 0.025, 0.975, actualMs);
            if (f.medianRemainingMs() > 0) {
                final double miss = Math.log((actualMs - f.elapsedMs()) / f.medianRemainingMs());
                final double halfWidth = Math.abs(f.spread().quantile(miss > 0 ? 0.90 : 0.10));
                misses.add(miss);
                bandUnits.add(halfWidth > 0 ? Math.abs(miss) / halfWidth : miss == 0 ? 0 : Double.POSITIVE_INFINITY);
            }
            brier += square(f.probabilityUnder(targetMs) - (actualMs < targetMs ? 1 : 0));
        }

        /** Finishers counted. */
        public long n() {
            return n;
        }

        /** The sum of the absolute errors of the projected finish. */
        public double absErrorMs() {
            return absErrorMs;
        }

        public double maeMin() {
            return absErrorMs / n / 60_000;
        }

        /** The share of finishers inside the 50% band. */
        public double coverage50() {
            return (double) inside50 / n;
        }

        /** The share of finishers inside the 80% band. */
        public double coverage80() {
            return (double) inside80 / n;
        }

        /** The share of finishers inside the 95% band. */
        public double coverage95() {
            return (double) inside95 / n;
        }

        public double brier() {
            return brier / n;
        }

        /**
         * The day's bias at this mat: the median of {@code log(actual remaining / projected remaining)} over these
         * finishers, as a share (0.05: the field took 5% longer over the rest of the race than projected).
         */
        public double medianMiss() {
            return Math.expm1(misses.quantile(0.5));
        }

        /**
         * The factor by which the 80% band (its width around the projection, in log remaining time) would have to be
         * scaled to hold the share {@code coverage} of these finishers: above 1 the band was too narrow that day,
         * below 1 too wide. With {@code coverage} 0.77 and 0.83, the range of widths the goal allows.
         */
        public double bandScaleFor(final double coverage) {
            return bandUnits.quantile(coverage);
        }
    }

    /** Figures at one mat: the model's and the even-pace baseline's. */
    public static final class SplitStats {
        private final String label;
        private final double distanceM;
        private final Figures model = new Figures();
        private final Figures baseline = new Figures();
        private long n;

        SplitStats(final String label, final double distanceM) {
            this.label = label;
            this.distanceM = distanceM;
        }

        public String label() {
            return label;
        }

        /** Finishers with every mat counted here. */
        public long n() {
            return n;
        }

        public Figures model() {
            return model;
        }

        public Figures baseline() {
            return baseline;
        }

        public double maeModelMin() {
            return model.maeMin();
        }

        public double maeBaselineMin() {
            return baseline.maeMin();
        }

        public double coverage80() {
            return model.coverage80();
        }

        public double brierModel() {
            return model.brier();
        }

        public double brierBaseline() {
            return baseline.brier();
        }

        public double medianMiss() {
            return model.medianMiss();
        }

        public double bandScaleFor(final double coverage) {
            return model.bandScaleFor(coverage);
        }

        /** The 5 km ... 40 km mats that make up the overall figure (the half does not). */
        public boolean inOverall() {
            return inOverall(distanceM);
        }

        static boolean inOverall(final double distanceM) {
            return distanceM % 5_000 == 0;
        }
    }

    /** A growable list of values, for quantiles over a mat's finishers. */
    private static final class Samples {
        private double[] values = new double[1024];
        private int size;
        private double[] sorted;

        void add(final double value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
            sorted = null;
        }

        /** The smallest value at or below which at least the share {@code p} of the values lie; NaN if none. */
        double quantile(final double p) {
            if (size == 0) {
                return Double.NaN;
            }
            if (sorted == null) {
                sorted = Arrays.copyOf(values, size);
                Arrays.sort(sorted);
            }
            // the 1e-9 keeps k/n * n from rounding up past k
            return sorted[Math.max(0, (int) Math.ceil(p * size - 1e-9) - 1)];
        }
    }

    /** All figures of a run. */
    public record Result(List<SplitStats> splits, long runners, long completeRunners, long rows) {
        public double overallMaeModelMin() {
            return splits.stream().filter(SplitStats::inOverall).mapToDouble(SplitStats::maeModelMin).average().orElse(Double.NaN);
        }

        public double overallMaeBaselineMin() {
            return splits.stream().filter(SplitStats::inOverall).mapToDouble(SplitStats::maeBaselineMin).average().orElse(Double.NaN);
        }
    }

    public interface Progress {
        void runnerDone();
    }

    public Result run(final List<RunnerResult> runners, final Writer csv, final Progress progress) {
        if (runners.isEmpty()) {
            throw new IllegalArgumentException("no finishers to replay");
        }
        final List<SplitStats> stats = new ArrayList<>();
        for (final MatTime mat : runners.get(0).mats()) {
            stats.add(new SplitStats(mat.label(), mat.distanceM()));
        }
        long complete = 0;
        long rows = 0;
        try {
            csv.write(HEADER);
            csv.write('\n');
            final StringBuilder line = new StringBuilder(160);
            for (final RunnerResult runner : runners) {
                final boolean isComplete = runner.complete();
                complete += isComplete ? 1 : 0;
                final RunnerProfile profile = new RunnerProfile(runner.sex(), runner.age());
                final List<Split> splits = new ArrayList<>(runner.mats().size() + 1);
                for (int i = 0; i < runner.mats().size(); i++) {
                    final MatTime mat = runner.mats().get(i);
                    if (!mat.read()) {
                        continue;
                    }
                    splits.add(new Split(mat.distanceM(), mat.elapsedMs()));
                    final FinishForecast f = model.forecast(splits, Courses.MARATHON_M, profile)
                            .withSpreadScaled(model.courseBandScale(raceId, mat.distanceM()));
                    final FinishForecast b = baseline.forecast(splits, Courses.MARATHON_M, profile);
                    write(line, runner, mat.distanceM(), mat.elapsedMs(), f, b, csv);
                    rows++;
                    if (isComplete) {
                        record(stats.get(i), runner.finishMs(), f, b);
                    }
                }
                splits.add(new Split(Courses.MARATHON_M, runner.finishMs()));
                final FinishForecast f = model.forecast(splits, Courses.MARATHON_M, profile);
                final FinishForecast b = baseline.forecast(splits, Courses.MARATHON_M, profile);
                write(line, runner, Courses.MARATHON_M, runner.finishMs(), f, b, csv);
                rows++;
                progress.runnerDone();
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the predictions: " + e.getMessage(), e);
        }
        return new Result(stats, runners.size(), complete, rows);
    }

    private void record(final SplitStats s, final long actualMs, final FinishForecast f, final FinishForecast b) {
        s.n++;
        s.model.add(f, actualMs, targetMs);
        s.baseline.add(b, actualMs, targetMs);
    }

    private static int inside(final FinishForecast f, final double lo, final double hi, final long actualMs) {
        return actualMs >= f.quantileMs(lo) && actualMs <= f.quantileMs(hi) ? 1 : 0;
    }

    private static double square(final double v) {
        return v * v;
    }

    private void write(final StringBuilder line, final RunnerResult runner, final double distanceM, final long elapsedMs,
                       final FinishForecast f, final FinishForecast b, final Writer csv) throws IOException {
        final boolean done = f.medianRemainingMs() == 0;
        line.setLength(0);
        line.append(csvText(runner.bib())).append(',')
                .append(String.format(Locale.ROOT, "%.4f", distanceM / 1000)).append(',')
                .append(seconds(elapsedMs)).append(',')
                .append(seconds(f.projectedFinishMs())).append(',')
                .append(seconds(done ? f.projectedFinishMs() : f.quantileMs(0.10))).append(',')
                .append(seconds(done ? f.projectedFinishMs() : f.quantileMs(0.90))).append(',')
                .append(String.format(Locale.ROOT, "%.4f", f.probabilityUnder(targetMs))).append(',')
                .append(seconds(runner.finishMs())).append(',')
                .append(seconds(done ? f.projectedFinishMs() : f.quantileMs(0.25))).append(',')
                .append(seconds(done ? f.projectedFinishMs() : f.quantileMs(0.75))).append(',')
                .append(seconds(done ? f.projectedFinishMs() : f.quantileMs(0.025))).append(',')
                .append(seconds(done ? f.projectedFinishMs() : f.quantileMs(0.975))).append(',')
                .append(seconds(b.projectedFinishMs())).append(',')
                .append(String.format(Locale.ROOT, "%.4f", b.probabilityUnder(targetMs))).append('\n');
        csv.append(line);
    }

    private static String seconds(final long ms) {
        return String.format(Locale.ROOT, "%.1f", ms / 1000.0);
    }

    private static String csvText(final String text) {
        return text.contains(",") || text.contains("\"") ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
