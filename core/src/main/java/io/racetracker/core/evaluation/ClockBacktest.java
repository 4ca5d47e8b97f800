package io.racetracker.core.evaluation;

import io.racetracker.core.evaluation.Backtest.Figures;
import io.racetracker.core.model.FinishForecast;
import io.racetracker.core.model.FinishTimeModel;
import io.racetracker.core.model.RunnerProfile;
import io.racetracker.core.model.Split;
import io.racetracker.core.nowcast.Conditions;
import io.racetracker.core.nowcast.DayEffect;
import io.racetracker.core.nowcast.NowcastSettings;
import io.racetracker.core.race.Courses;
import io.racetracker.core.racefile.RaceFile;
import io.racetracker.core.results.MatTime;
import io.racetracker.core.results.RunnerResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The backtest as a live tracker sees the race: every finisher's reads replayed in order of their rebuilt clock
 * time (the wave's gun, the runner's start-line delay, the chip time), each projected by the fixed model and by the
 * same model corrected with what the field ahead had shown until then ({@link Conditions}). A read is projected
 * before it is counted in the day's effect, and the conditions are those last published before it (every
 * {@link #publishEveryMs}, as the streams app publishes them): no projection sees its own future.
 *
 * <p>The start-line delay inside a wave is not in the results: runners are taken to cross the line in bib order
 * (corrals go by bib), spread evenly over {@code startSpreadMs} after the gun; the professional fields, which start
 * at the line, cross it at the gun.
 */
public final class ClockBacktest {
    /** How often the race's conditions are recomputed and published, as the streams app does. */
    public static final long PUBLISH_EVERY_MS = 10_000;

    private final String raceId;
    private final FinishTimeModel model;
    private final NowcastSettings settings;
    private final long targetMs;
    private final long startSpreadMs;
    private final long publishEveryMs;

    /**
     * @param raceId the race replayed: on a course the model was not fitted on, both the fixed model's bands and the
     *               nowcast's carry what such a course adds ({@link FinishTimeModel#courseBandScale}), as they do live
     */
    public ClockBacktest(final String raceId, final FinishTimeModel model, final NowcastSettings settings,
                         final long targetMs, final long startSpreadMs, final long publishEveryMs) {
        this.raceId = raceId;
        this.model = model;
        this.settings = settings;
        this.targetMs = targetMs;
        this.startSpreadMs = startSpreadMs;
        this.publishEveryMs = publishEveryMs;
    }

    /** A finisher placed in the race: their wave and the moment they crossed the start line. */
    public record Placed(RunnerResult runner, String wave, Instant started) {
    }

    /** One read in clock order: a mat of the runner's ({@code mat} indexes their mats; the finish is mats().size()). */
    private record Read(Placed runner, int mat, double distanceM, long elapsedMs, long clockMs) {
    }

    /**
     * A finisher's fixed projection at one mat, kept to measure afterwards what knowing the day would have given.
     */
    private record Projected(Placed runner, int mat, int level, FinishForecast fixed) {
        double miss() {
            return Math.log((runner.runner().finishMs() - fixed.elapsedMs()) / fixed.medianRemainingMs());
        }
    }

    /**
     * A runner's figures at one mat, for everyone and per wave: the fixed model, the nowcast, and the fixed model
     * corrected by the day as it turned out ({@link #hindsight()}).
     */
    public static final class MatFigures {
        private final String label;
        private final double distanceM;
        private final Figures fixed = new Figures();
        private final Figures nowcast = new Figures();
        private final Figures hindsight = new Figures();

        MatFigures(final String label, final double distanceM) {
            this.label = label;
            this.distanceM = distanceM;
        }

        public String label() {
            return label;
        }

        public Figures fixed() {
            return fixed;
        }

        public Figures nowcast() {
            return nowcast;
        }

        /**
         * The fixed model's projections each moved by the median miss, over the whole field in hindsight, of its mat
         * and pace level: the day known exactly, which no estimate made during the race can better. What is left is
         * how runners differ within the day.
         */
        public Figures hindsight() {
            return hindsight;
        }
    }

    /** The figures of a run: per mat over everyone, per wave per mat, and what was left out. */
    public record Result(List<MatFigures> all, Map<String, List<MatFigures>> byWave, long runners, long leftOut,
                  long rows, Conditions finalConditions) {
        public static double overallMae(final List<MatFigures> mats, final boolean nowcast) {
            return overallMae(mats, m -> nowcast ? m.nowcast : m.fixed);
        }

        /** The mean over 5K..40K of the figures {@code which} picks. */
        public static double overallMae(final List<MatFigures> mats, final Function<MatFigures, Figures> which) {
            return mats.stream().filter(m -> Backtest.SplitStats.inOverall(m.distanceM) && m.fixed.n() > 0)
                    .mapToDouble(m -> which.apply(m).maeMin()).average().orElse(Double.NaN);
        }
    }

    /**
     * Places every finisher whose bib falls in a wave of the race file: the wave's gun plus the start-line delay.
     * Those in no wave are left out (counted in the result).
     */
    public List<Placed> place(final List<RunnerResult> runners, final RaceFile race) {
        final Map<String, List<RunnerResult>> byWave = new LinkedHashMap<>();
        for (final RunnerResult runner : runners) {
            race.waveOfBib(runner.bib()).ifPresent(w -> byWave.computeIfAbsent(w.id(), id -> new ArrayList<>()).add(runner));
        }
        final List<Placed> placed = new ArrayList<>();
        for (final Map.Entry<String, List<RunnerResult>> wave : byWave.entrySet()) {
            final RaceFile.WaveSpec spec = race.wave(wave.getKey()).orElseThrow();
            final Instant gun = race.at(spec.start());
            final List<RunnerResult> field = new ArrayList<>(wave.getValue());
            field.sort(Comparator.comparingLong(r -> bibNumber(r.bib())));
            final boolean atTheLine = wave.getKey().startsWith("PRO");
            for (int i = 0; i < field.size(); i++) {
                final long delay = atTheLine ? 0 : Math.round(startSpreadMs * (double) i / field.size());
                placed.add(new Placed(field.get(i), wave.getKey(), gun.plusMillis(delay)));
            }
        }
        return placed;
    }

    private static long bibNumber(final String bib) {
        try {
            return Long.parseLong(bib.trim());
        } catch (final NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    public Result run(final List<Placed> field, final long leftOut, final Writer csv) {
        if (field.isEmpty()) {
            throw new IllegalArgumentException("no finisher falls in a wave of the race file");
        }
        final List<MatTime> mats = field.get(0).runner().mats();
        final double[] matsM = new double[mats.size() + 1];
        for (int i = 0; i < mats.size(); i++) {
            matsM[i] = mats.get(i).distanceM();
        }
        matsM[mats.size()] = Courses.MARATHON_M;
        final DayEffect day = new DayEffect(matsM, settings);

        final List<Read> reads = new ArrayList<>();
        for (final Placed p : field) {
            final long start = p.started().toEpochMilli();
            for (int i = 0; i < p.runner().mats().size(); i++) {
                final MatTime mat = p.runner().mats().get(i);
                if (mat.read()) {
                    reads.add(new Read(p, i, mat.distanceM(), mat.elapsedMs(), start + mat.elapsedMs()));
                }
            }
            reads.add(new Read(p, mats.size(), Courses.MARATHON_M, p.runner().finishMs(), start + p.runner().finishMs()));
        }
        reads.sort(Comparator.comparingLong(Read::clockMs));

        final List<MatFigures> all = figures(mats);
        final Map<String, List<MatFigures>> byWave = new LinkedHashMap<>();
        final Map<RunnerResult, SoFar> progress = new IdentityHashMap<>();
        final List<Projected> projected = new ArrayList<>();
        Conditions conditions = day.conditions();
        long publishedAt = Long.MIN_VALUE / 2; // far in the past, without overflowing the difference
        long rows = 0;
        try {
            csv.write(HEADER);
            csv.write('\n');
            for (final Read read : reads) {
                if (read.clockMs() - publishedAt >= publishEveryMs) {
                    conditions = day.conditions();
                    publishedAt = read.clockMs();
                }
                final RunnerResult runner = read.runner().runner();
                final SoFar so = progress.computeIfAbsent(runner, r -> new SoFar());
                so.splits.add(new Split(read.distanceM(), read.elapsedMs()));
                final boolean finish = read.mat() == mats.size();
                final FinishForecast fitted = model.forecast(so.splits, Courses.MARATHON_M,
                        new RunnerProfile(runner.sex(), runner.age()));
                final double courseScale = finish ? 1 : model.courseBandScale(raceId, read.distanceM());
                final FinishForecast fixed = fitted.withSpreadScaled(courseScale);
                final FinishForecast now = finish ? fixed
                        : conditions.correct(fitted, read.mat(), Courses.MARATHON_M, courseScale);
                if (!finish) {
                    write(read, fixed, now, csv);
                    rows++;
                    if (runner.complete()) {
                        final MatFigures atAll = all.get(read.mat());
                        final MatFigures atWave = byWave.computeIfAbsent(read.runner().wave(), w -> figures(mats))
                                .get(read.mat());
                        for (final MatFigures m : List.of(atAll, atWave)) {
                            m.fixed.add(fixed, runner.finishMs(), targetMs);
                            m.nowcast.add(now, runner.finishMs(), targetMs);
                        }
                        projected.add(new Projected(read.runner(), read.mat(),
                                settings.level(fixed.projectedFinishMs() / Courses.MARATHON_M), fixed));
                    }
                }
                // only now does this read count in the day's effect: a projection never sees its own read
                if (so.lastMat >= 0 && so.lastMat == read.mat() - 1) {
                    final int level = settings.level(so.lastProjectedMs / Courses.MARATHON_M);
                    day.observe(so.lastMat, level, DayEffect.revision(so.lastElapsedMs, so.lastProjectedMs,
                            fixed.projectedFinishMs()));
                }
                so.lastMat = read.mat();
                so.lastElapsedMs = read.elapsedMs();
                so.lastProjectedMs = fixed.projectedFinishMs();
            }
            csv.flush();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write the predictions: " + e.getMessage(), e);
        }
        inHindsight(projected, all, byWave);
        return new Result(all, byWave, field.size(), leftOut, rows, day.conditions());
    }

    /** Every kept projection moved by the median miss of its mat and pace level over the whole field. */
    private void inHindsight(final List<Projected> projected, final List<MatFigures> all,
                             final Map<String, List<MatFigures>> byWave) {
        final Map<Integer, double[]> misses = new HashMap<>();
        projected.stream().collect(Collectors.groupingBy(p -> p.mat() * settings.levels() + p.level()))
                .forEach((cell, ps) -> misses.put(cell, ps.stream().mapToDouble(Projected::miss).sorted().toArray()));
        for (final Projected p : projected) {
            final double[] sorted = misses.get(p.mat() * settings.levels() + p.level());
            final double median = (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
            final FinishForecast known = p.fixed().withMedianRemaining(p.fixed().medianRemainingMs() * Math.exp(median));
            all.get(p.mat()).hindsight.add(known, p.runner().runner().finishMs(), targetMs);
            byWave.get(p.runner().wave()).get(p.mat()).hindsight.add(known, p.runner().runner().finishMs(), targetMs);
        }
    }

    /** A runner's reads so far and what the fixed model projected at the latest. */
    private static final class SoFar {
        final List<Split> splits = new ArrayList<>(12);
        int lastMat = -1;
        long lastElapsedMs;
        long lastProjectedMs;
    }

    private static List<MatFigures> figures(final List<MatTime> mats) {
        final List<MatFigures> figures = new ArrayList<>();
        for (final MatTime mat : mats) {
            figures.add(new MatFigures(mat.label(), mat.distanceM()));
        }
        return figures;
    }

    public static final String HEADER = "bib,wave,clock,split_km,elapsed_s,projected_finish_s,p10_s,p90_s,p_target,"
            + "actual_finish_s,nowcast_finish_s,nowcast_p10_s,nowcast_p90_s,nowcast_p_target";

    private void write(final Read read, final FinishForecast fixed, final FinishForecast now, final Writer csv)
            throws IOException {
        final RunnerResult runner = read.runner().runner();
        csv.write(String.format(Locale.ROOT, "%s,%s,%s,%.4f,%.1f,%.1f,%.1f,%.1f,%.4f,%.1f,%.1f,%.1f,%.1f,%.4f%n",
                runner.bib(), read.runner().wave(), Instant.ofEpochMilli(read.clockMs()), read.distanceM() / 1000,
                read.elapsedMs() / 1000.0, fixed.projectedFinishMs() / 1000.0, fixed.quantileMs(0.10) / 1000.0,
                fixed.quantileMs(0.90) / 1000.0, fixed.probabilityUnder(targetMs), runner.finishMs() / 1000.0,
                now.projectedFinishMs() / 1000.0, now.quantileMs(0.10) / 1000.0, now.quantileMs(0.90) / 1000.0,
                now.probabilityUnder(targetMs)));
    }
}
