package io.racetracker.cli.bench;

import java.util.Locale;
import java.util.Map;

/** The benchmark's one table, from the same figures as its JSON. */
final class BenchReport {
    private BenchReport() {
    }

    static String table(final Map<String, Object> f) {
        final StringBuilder out = new StringBuilder();
        line(out, "machine", f.get("cores") + " cores, " + f.get("memory_total_mb") + " MB, " + f.get("cpu")
                + ", load " + f.get("load_average_start") + " -> " + f.get("load_average_end"));
        line(out, "race", String.format(Locale.ROOT, "%,d runners, %,d records on race-splits (%,d duplicates, %,d late,"
                + " %,d malformed)", num(f, "runners"), num(f, "reads"), num(f, "reads_duplicate"), num(f, "reads_late"),
                num(f, "reads_malformed")));
        line(out, "settings", f.get("processing_guarantee") + ", " + f.get("partitions") + " partitions, "
                + f.get("stream_threads") + " threads, commit " + f.get("commit_interval_ms") + " ms, app heap max "
                + f.get("app_heap_max"));
        out.append('\n');
        row(out, "read ceiling (ConsumerPerformance)", rate(f, "read_ceiling_records_per_s") + " records/s");
        row(out, "engine ceiling (pass-through app)", rate(f, "engine_ceiling_reads_per_s") + " reads/s");
        row(out, "tracker", rate(f, "tracker_reads_per_s") + " reads/s");
        row(out, "tracker / engine ceiling", pct(f, "ratio_to_engine_ceiling"));
        row(out, "tracker / read ceiling", pct(f, "ratio_to_read_ceiling"));
        row(out, "written per read (tracker, pass-through)", f.get("tracker_written_records_per_read") + " / "
                + f.get("engine_written_records_per_read") + " records, " + f.get("tracker_written_bytes_per_read") + " / "
                + f.get("engine_written_bytes_per_read") + " bytes");
        if (f.containsKey("tracker_app_cpu_us_per_read")) {
            row(out, "CPU per read, app (tracker, pass-through)", f.get("tracker_app_cpu_us_per_read") + " / "
                    + f.get("engine_ceiling_app_cpu_us_per_read") + " us");
        }
        for (final String[] app : new String[][] {{"tracker", "tracker"}, {"engine_ceiling", "pass-through"}}) {
            if (f.get(app[0] + "_app_cpu_us_per_read_by_thread") instanceof Map<?, ?> byThread) {
                final StringBuilder threads = new StringBuilder();
                byThread.forEach((kind, us) -> threads.append(threads.length() == 0 ? "" : ", ").append(kind).append(' ').append(us));
                row(out, "  by thread, " + app[1] + " (us)", threads.toString());
            }
        }
        if (f.containsKey("tracker_own_cpu_us_per_read") && f.containsKey("own_cpu_budget_at_80pct_us_per_read")) {
            row(out, "tracker's own work per read (80% leaves)", f.get("tracker_own_cpu_us_per_read") + " us ("
                    + f.get("own_cpu_budget_at_80pct_us_per_read") + " us)");
        }
        if (f.containsKey("tracker_broker_cpu_us_per_read")) {
            row(out, "CPU per read, broker (tracker, pass-through)", f.get("tracker_broker_cpu_us_per_read") + " / "
                    + f.get("engine_ceiling_broker_cpu_us_per_read") + " us");
        }
        if (f.containsKey("tracker_machine_busy_pct")) {
            row(out, "machine busy (tracker, pass-through)", f.get("tracker_machine_busy_pct") + "% / "
                    + f.get("engine_ceiling_machine_busy_pct") + "%");
        }
        for (final String run : new String[] {"live", "full"}) {
            if (f.containsKey("latency_" + run + "_p50_ms")) {
                row(out, "latency " + run + " at " + rate(f, "latency_" + run + "_sent_reads_per_s") + " reads/s",
                        String.format(Locale.ROOT, "p50 %s  p95 %s  p99 %s  max %s ms (%,d projections)",
                                f.get("latency_" + run + "_p50_ms"), f.get("latency_" + run + "_p95_ms"),
                                f.get("latency_" + run + "_p99_ms"), f.get("latency_" + run + "_max_ms"),
                                num(f, "latency_" + run + "_projections_measured")));
            }
        }
        row(out, "tracker heap after GC (end, peak)", f.get("heap_used_mb") + " MB, " + f.get("heap_peak_after_gc_mb") + " MB");
        row(out, "tracker resident set (end, peak)", f.get("rss_mb") + " MB, " + f.get("rss_peak_mb") + " MB");
        return out.toString();
    }

    private static void line(final StringBuilder out, final String label, final String value) {
        out.append(String.format(Locale.ROOT, "%-9s %s%n", label + ":", value));
    }

    private static void row(final StringBuilder out, final String label, final String value) {
        out.append(String.format(Locale.ROOT, "  %-44s %s%n", label, value));
    }

    private static long num(final Map<String, Object> f, final String key) {
        final Object v = f.get(key);
        return v instanceof Number n ? n.longValue() : 0;
    }

    private static String rate(final Map<String, Object> f, final String key) {
        final Object v = f.get(key);
        return v instanceof Number n ? String.format(Locale.ROOT, "%,.0f", n.doubleValue()) : "-";
    }

    private static String pct(final Map<String, Object> f, final String key) {
        final Object v = f.get(key);
        return v instanceof Number n ? String.format(Locale.ROOT, "%.1f%%", n.doubleValue() * 100) : "-";
    }
}
