package io.racetracker.core.nowcast;

import java.util.Arrays;

/**
 * What the runners ahead have shown of the day, stretch by stretch: for each stretch between two consecutive mats
 * and each pace level, the distribution of the <em>revisions</em> of the model's projection over that stretch.
 *
 * <p>A runner read at mat {@code a} with the model's projected finish {@code P_a} (remaining {@code R_a = P_a - T_a})
 * and then at the next mat {@code b} with projection {@code P_b} (at the finish: the finish time) gives the revision
 * {@code g = log((P_b - T_a) / R_a)}: above 0 the stretch went worse than the model expected of that runner, as a
 * share of everything that was left. On an ordinary day a calibrated model's revisions centre on 0; on a warm day
 * they do not, and the field ahead shows it before the runners behind get there.
 *
 * <p>Revisions are counted in fixed cells (0.2% wide, from -50% to +50%), so two counts made apart (two tasks of the
 * streams app) add up exactly, and the median needs no sorting. Not thread-safe.
 */
public final class DayEffect {
    static final double LIMIT = 0.5;
    static final double CELL = 0.002;
    static final int CELLS = (int) Math.round(2 * LIMIT / CELL);

    private final double[] matsM;
    private final NowcastSettings settings;
    /** [stretch][level][cell] */
    private final int[][][] counts;
    private final long[][] totals;

    /**
     * @param matsM the course's mats after the start, in metres, increasing, the finish last: stretch {@code j} runs
     *              from mat {@code j} to mat {@code j + 1}
     */
    public DayEffect(final double[] matsM, final NowcastSettings settings) {
        if (matsM.length < 2) {
            throw new IllegalArgumentException("a day effect needs two mats or more after the start");
        }
        for (int i = 1; i < matsM.length; i++) {
            if (matsM[i] <= matsM[i - 1]) {
                throw new IllegalArgumentException("mats must increase: " + Arrays.toString(matsM));
            }
        }
        this.matsM = matsM.clone();
        this.settings = settings;
        this.counts = new int[matsM.length - 1][settings.levels()][CELLS];
        this.totals = new long[matsM.length - 1][settings.levels()];
    }

    public int stretches() {
        return matsM.length - 1;
    }

    public NowcastSettings settings() {
        return settings;
    }

    /** The index of the mat at this distance (within half a metre), or -1. */
    public int matAt(final double distanceM) {
        for (int i = 0; i < matsM.length; i++) {
            if (Math.abs(matsM[i] - distanceM) < 0.5) {
                return i;
            }
        }
        return -1;
    }

    public double matM(final int mat) {
        return matsM[mat];
    }

    /** The course's distance: its last mat. */
    public double courseM() {
        return matsM[matsM.length - 1];
    }

    /**
     * Counts one runner's revision over a stretch.
     *
     * @param stretch  from mat {@code stretch} to the next
     * @param level    the runner's pace level ({@link NowcastSettings#level}) at the stretch's start
     * @param revision {@code log((P_b - T_a) / R_a)}; beyond +-50% it counts as +-50%
     */
    public void observe(final int stretch, final int level, final double revision) {
        if (!Double.isFinite(revision)) {
            return;
        }
        final int cell = (int) Math.floor((Math.max(-LIMIT, Math.min(LIMIT, revision)) + LIMIT) / CELL);
        counts[stretch][level][Math.min(CELLS - 1, cell)]++;
        totals[stretch][level]++;
    }

    /**
     * The revision of the model's remaining time over the stretch from mat {@code from} to the next, for a runner
     * whose projected finish at {@code from} was {@code projectedAtFromMs} with {@code elapsedAtFromMs} run, and whose
     * projection at the next mat is {@code projectedAtNextMs} (the finish time itself at the finish).
     */
    public static double revision(final long elapsedAtFromMs, final long projectedAtFromMs, final long projectedAtNextMs) {
        final double remaining = projectedAtFromMs - elapsedAtFromMs;
        final double revised = projectedAtNextMs - elapsedAtFromMs;
        return remaining > 0 && revised > 0 ? Math.log(revised / remaining) : Double.NaN;
    }

    /** Adds another count of the same course (another task's share of the field). */
    public void add(final DayEffect other) {
        if (!Arrays.equals(matsM, other.matsM) || other.counts[0].length != counts[0].length) {
            throw new IllegalArgumentException("day effects of different courses or levels cannot be added");
        }
        for (int s = 0; s < counts.length; s++) {
            for (int l = 0; l < counts[s].length; l++) {
                totals[s][l] += other.totals[s][l];
                for (int c = 0; c < CELLS; c++) {
                    counts[s][l][c] += other.counts[s][l][c];
                }
            }
        }
    }

    /** The mats after the start, the finish last. */
    public double[] matsM() {
        return matsM.clone();
    }

    /** Whether nothing has been counted. */
    public boolean isEmpty() {
        for (final long[] stretch : totals) {
            for (final long n : stretch) {
                if (n > 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** What {@link #forEachCount} hands out: one cell that holds {@code count} revisions. */
    @FunctionalInterface
    public interface CountVisitor {
        void visit(int stretch, int level, int cell, int count);
    }

    /**
     * Hands out every cell that holds a count, in order of stretch, level and cell: a day's counts are mostly zeros
     * (a few hundred filled cells out of tens of thousands), so they are stored and sent as these cells only.
     */
    public void forEachCount(final CountVisitor visitor) {
        for (int s = 0; s < counts.length; s++) {
            for (int l = 0; l < counts[s].length; l++) {
                for (int c = 0; c < CELLS; c++) {
                    if (counts[s][l][c] != 0) {
                        visitor.visit(s, l, c, counts[s][l][c]);
                    }
                }
            }
        }
    }

    /**
     * Adds {@code count} revisions to one cell, as {@link #forEachCount} handed it out: how counts stored or sent
     * sparsely are read back.
     *
     * @throws IllegalArgumentException for a cell outside this course's stretches, the levels or the cells, or a
     *                                  count below 1
     */
    public void addCount(final int stretch, final int level, final int cell, final int count) {
        if (stretch < 0 || stretch >= counts.length || level < 0 || level >= settings.levels() || cell < 0
                || cell >= CELLS || count < 1) {
            throw new IllegalArgumentException("no such cell or count: stretch " + stretch + ", level " + level
                    + ", cell " + cell + ", count " + count);
        }
        counts[stretch][level][cell] += count;
        totals[stretch][level] += count;
    }

    /** Runners counted over the stretch at a level. */
    public long count(final int stretch, final int level) {
        return totals[stretch][level];
    }

    /** What the counts say now, shrunk by the evidence behind them. */
    public Conditions conditions() {
        final int levels = settings.levels();
        final double[][] effect = new double[stretches()][levels];
        final long[] runners = new long[stretches()];
        final double[] fieldMedian = new double[stretches()];
        final double[] fieldSpread = new double[stretches()];
        for (int s = 0; s < stretches(); s++) {
            final int[] all = new int[CELLS];
            long n = 0;
            for (int l = 0; l < levels; l++) {
                n += totals[s][l];
                for (int c = 0; c < CELLS; c++) {
                    all[c] += counts[s][l][c];
                }
            }
            runners[s] = n;
            if (n == 0) {
                continue;
            }
            fieldMedian[s] = quantile(all, n, 0.5);
            fieldSpread[s] = (quantile(all, n, 0.9) - quantile(all, n, 0.1)) / 2;
            final double field = fieldMedian[s] * n / (n + settings.evidence());
            for (int l = 0; l < levels; l++) {
                final long m = totals[s][l];
                effect[s][l] = m == 0 ? field
                        : field + (quantile(counts[s][l], m, 0.5) - field) * m / (m + settings.levelEvidence());
            }
        }
        return new Conditions(matsM, effect, runners, fieldMedian, fieldSpread, settings);
    }

    /** The p-quantile of the counted revisions, interpolated within its cell. */
    static double quantile(final int[] cells, final long n, final double p) {
        final double rank = p * n;
        long below = 0;
        for (int c = 0; c < cells.length; c++) {
            if (cells[c] > 0 && below + cells[c] >= rank) {
                return -LIMIT + CELL * (c + (rank - below) / cells[c]);
            }
            below += cells[c];
        }
        return LIMIT;
    }
}
