package io.racetracker.cli.bench;

import java.util.Locale;
import java.util.Map;

/** The benchmark's one table, from the same figures as its JSON. */
final class BenchReport {
    private BenchReport() {
    }

    static String table(final BenchFigures f) {
        final Machine machine = f.machine();
        final BenchFigures.Settings settings = f.phases().settings();
        final BenchFigures.Load load = f.phases().load();
        final BenchFigures.Tracker tracker = f.phases().tracker();
        final BenchFigures.Engine engine = f.phases().engine();
        final BenchFigures.Comparison comparison = f.phases().comparison();
        final StringBuilder out = new StringBuilder();
        line(out, "machine", machine.cores() + " cores, " + machine.memoryTotalMb() + " MB, " + machine.cpu()
                + ", load " + f.loadAverageStart() + " -> " + f.loadAverageEnd());
        line(out, "race", String.format(Locale.ROOT, "%,d runners, %,d records on race-splits (%,d duplicates, %,d late,"
                + " %,d malformed)", settings.runners(), load.reads(), load.readsDuplicate(), load.readsLate(),
                load.readsMalformed()));
        line(out, "settings", settings.processingGuarantee() + ", " + settings.partitions() + " partitions, "
                + settings.streamThreads() + " threads, commit " + settings.commitIntervalMs() + " ms, app heap max "
                + settings.appHeapMax());
        out.append('\n');
        row(out, "read ceiling (ConsumerPerformance)", rate(f.phases().readCeiling().recordsPerS()) + " records/s");
        row(out, "engine ceiling (pass-through app)", rate(engine.readsPerS()) + " reads/s");
        row(out, "tracker", rate(tracker.readsPerS()) + " reads/s");
        row(out, "tracker / engine ceiling", pct(comparison.ratioToEngineCeiling()));
        row(out, "tracker / read ceiling", pct(comparison.ratioToReadCeiling()));
        row(out, "written per read (tracker, pass-through)", tracker.writtenRecordsPerRead() + " / "
                + engine.writtenRecordsPerRead() + " records, " + tracker.writtenBytesPerRead() + " / "
                + engine.writtenBytesPerRead() + " bytes");
        row(out, "warm-up (tracker, pass-through)", tracker.jvm().warmupSeconds() + " / " + engine.jvm().warmupSeconds() + " s");
        row(out, "allocated per read (tracker, pass-through)", rate(tracker.jvm().allocatedBytesPerRead()) + " / "
                + rate(engine.jvm().allocatedBytesPerRead()) + " bytes");
        final CpuMeter.Figures trackerCpu = tracker.cpu();
        final CpuMeter.Figures engineCpu = engine.cpu();
        if (trackerCpu.appCpuUsPerRead() != null) {
            row(out, "CPU per read, app (tracker, pass-through)", trackerCpu.appCpuUsPerRead() + " / " + engineCpu.appCpuUsPerRead() + " us");
        }
        byThread(out, "tracker", trackerCpu.appCpuUsPerReadByThread());
        byThread(out, "pass-through", engineCpu.appCpuUsPerReadByThread());
        final CpuMeter.OwnWork own = comparison.ownWork();
        if (own.trackerUsPerRead() != null && own.budgetUsPerRead() != null) {
            row(out, "tracker's own work per read (80% leaves)", own.trackerUsPerRead() + " us (" + own.budgetUsPerRead() + " us)");
        }
        if (trackerCpu.brokerCpuUsPerRead() != null) {
            row(out, "CPU per read, broker (tracker, pass-through)", trackerCpu.brokerCpuUsPerRead() + " / "
                    + engineCpu.brokerCpuUsPerRead() + " us");
        }
        if (trackerCpu.machineBusyPct() != null) {
            row(out, "machine busy (tracker, pass-through)", trackerCpu.machineBusyPct() + "% / " + engineCpu.machineBusyPct() + "%");
        }
        latency(out, "live", f.phases().latencyLive());
        latency(out, "full", f.phases().latencyFull());
        final BenchFigures.Heap heap = tracker.heap();
        row(out, "tracker heap after GC (end, peak)", heap.heapUsedMb() + " MB, " + heap.heapPeakAfterGcMb() + " MB");
        row(out, "tracker resident set (end, peak)", heap.rssMb() + " MB, " + heap.rssPeakMb() + " MB");
        return out.toString();
    }

    private static void byThread(final StringBuilder out, final String app, final Map<String, Double> byThread) {
        if (byThread != null) {
            final StringBuilder threads = new StringBuilder();
            byThread.forEach((kind, us) -> threads.append(threads.length() == 0 ? "" : ", ").append(kind).append(' ').append(us));
            row(out, "  by thread, " + app + " (us)", threads.toString());
        }
    }

    /** A latency run's row; none for a run that did not happen ({@code --no-latency}). */
    private static void latency(final StringBuilder out, final String run, final BenchFigures.Latency latency) {
        if (latency != null) {
            row(out, "latency " + run + " at " + rate(latency.sentReadsPerS()) + " reads/s",
                    String.format(Locale.ROOT, "p50 %s  p95 %s  p99 %s  max %s ms (%,d projections)", latency.p50Ms(),
                            latency.p95Ms(), latency.p99Ms(), latency.maxMs(), latency.projectionsMeasured()));
        }
    }

    private static void line(final StringBuilder out, final String label, final String value) {
        out.append(String.format(Locale.ROOT, "%-9s %s%n", label + ":", value));
    }

    private static void row(final StringBuilder out, final String label, final String value) {
        out.append(String.format(Locale.ROOT, "  %-44s %s%n", label, value));
    }

    private static String rate(final double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String pct(final double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }
}
