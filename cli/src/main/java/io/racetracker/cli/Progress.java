package io.racetracker.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress of a long task, shown the way its output can take it: a progress bar on a terminal; in a log (no
 * terminal: a container, a service manager, a pipe) a plain line every {@link #LINE_INTERVAL} with done/total, rate
 * and time left, since a bar redrawn with carriage returns is noise there; nothing at all with {@code --quiet}.
 * Every command that shows progress uses this. Progress goes to stderr; stdout keeps the command's results.
 */
public final class Progress implements AutoCloseable {
    static final Duration LINE_INTERVAL = Duration.ofSeconds(10);

    private final String task;
    private final String unit;
    private final AtomicLong total;
    private final AtomicLong done = new AtomicLong();
    private final ProgressBar bar;
    private final PrintStream lines;
    private final LongSupplier nanoTime;
    private final long began;
    private final ScheduledExecutorService ticker;

    private Progress(final String task, final long total, final String unit, final ProgressBar bar,
                     final PrintStream lines, final LongSupplier nanoTime, final Duration interval) {
        this.task = task;
        this.unit = unit == null ? "" : " " + unit;
        this.total = new AtomicLong(total);
        this.bar = bar;
        this.lines = lines;
        this.nanoTime = nanoTime;
        this.began = nanoTime.getAsLong();
        if (lines != null && interval != null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                final Thread thread = new Thread(r, "progress-" + task);
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::printLine, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    /**
     * Progress of {@code total} steps named {@code task}, counted in {@code unit} (null for plain steps): a bar when
     * the output is a terminal, lines otherwise, nothing when {@code quiet}.
     */
    public static Progress start(final String task, final long total, final String unit, final boolean quiet) {
        if (quiet) {
            return silent(task, total);
        }
        if (System.console() != null) {
            final ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).showSpeed().setUpdateIntervalMillis(250);
            if (unit != null) {
                builder.setUnit(" " + unit, 1);
            }
            return new Progress(task, total, unit, builder.build(), null, System::nanoTime, null);
        }
        return lines(task, total, unit, System.err, System::nanoTime, LINE_INTERVAL);
    }

    /** Plain lines to {@code out} every {@code interval} (null: only when {@link #printLine()} is called). */
    static Progress lines(final String task, final long total, final String unit, final PrintStream out,
                          final LongSupplier nanoTime, final Duration interval) {
        return new Progress(task, total, unit, null, out, nanoTime, interval);
    }

    /** Counts, shows nothing. */
    static Progress silent(final String task, final long total) {
        return new Progress(task, total, null, null, null, System::nanoTime, null);
    }

    public void step() {
        stepTo(done.get() + 1);
    }

    /** {@code n} steps done; a count past the total raises the total. */
    public void stepTo(final long n) {
        done.set(n);
        total.accumulateAndGet(n, Math::max);
        if (bar != null) {
            if (n > bar.getMax()) {
                bar.maxHint(n);
            }
            bar.stepTo(n);
        }
    }

    public long done() {
        return done.get();
    }

    /** One line: {@code load: 12,345/100,000 records (12%), 2,468 records/s, about 35s left}. */
    void printLine() {
        final long n = done.get();
        final long of = total.get();
        final double seconds = (nanoTime.getAsLong() - began) / 1e9;
        final double rate = seconds > 0 ? n / seconds : 0;
        final StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: %,d/%,d%s", task, n, of, unit));
        if (of > 0) {
            line.append(String.format(Locale.ROOT, " (%d%%)", Math.min(100, n * 100 / of)));
        }
        line.append(String.format(Locale.ROOT, ", %,.0f%s/s", rate, unit));
        if (rate > 0 && n < of) {
            line.append(", about ").append(hms(Math.round((of - n) / rate))).append(" left");
        }
        lines.println(line);
        lines.flush();
    }

    static String hms(final long seconds) {
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm%02ds", seconds / 3600, seconds / 60 % 60, seconds % 60);
        }
        if (seconds >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return seconds + "s";
    }

    /** Stops the bar or the lines; in a log, one last line with where the task ended. */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (bar != null) {
            bar.close();
        }
        if (lines != null) {
            final long n = done.get();
            final double seconds = (nanoTime.getAsLong() - began) / 1e9;
            lines.println(String.format(Locale.ROOT, "%s: %,d%s in %s", task, n, unit, hms(Math.round(seconds))));
            lines.flush();
        }
    }
}
