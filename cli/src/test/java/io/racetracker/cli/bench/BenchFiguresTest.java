package io.racetracker.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.racetracker.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bench's JSON and table from known figures: the same keys in the same order, the same numbers in the same
 * format, whatever the code that holds them.
 */
class BenchFiguresTest {
    private static final long READS = 530_894;

    @Test
    void aFullRunGivesTheJsonAndTableItAlwaysHas() throws IOException {
        final Map<String, Object> f = figures(true);

        assertEquals(resource("full.json"), json(f));
        assertEquals(resource("full.txt"), BenchReport.table(f));
    }

    @Test
    void aRunWithoutLatencyOrBrokerCpuLeavesThoseOut() throws IOException {
        final Map<String, Object> f = figures(false);

        assertEquals(resource("partial.json"), json(f));
        assertEquals(resource("partial.txt"), BenchReport.table(f));
    }

    private static String json(final Map<String, Object> f) throws IOException {
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(f) + "\n";
    }

    private static String resource(final String name) throws IOException {
        try (InputStream in = BenchFiguresTest.class.getResourceAsStream("/bench/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The figures as the bench gathers them, phase by phase; {@code full}: latency runs, the broker's CPU and the
     * machine's in the pass-through phase too.
     */
    private static Map<String, Object> figures(final boolean full) {
        final Map<String, Object> f = new LinkedHashMap<>();
        f.put("cores", 2);
        f.put("cpu", "Intel(R) Xeon(R) CPU @ 2.20GHz");
        f.put("memory_total_mb", 24_032L);
        f.put("os", "Linux 6.18.0");
        f.put("java", "OpenJDK 64-Bit Server VM 17.0.15");
        f.put("kafka", "4.3.1");
        f.put("load_average_start", 1.12);
        f.put("runners", 50_000);
        f.put("stream_threads", 2);
        f.put("commit_interval_ms", 100);
        f.put("processing_guarantee", "exactly_once_v2");
        f.put("partitions", 6);
        f.put("app_heap_max", "1g");
        f.put("app_warmup_seconds", 30);
        f.put("reads", READS);
        f.put("reads_duplicate", 5_021L);
        f.put("reads_late", 2_114L);
        f.put("reads_malformed", 0L);
        f.put("load_records_per_s", 91_234.5);
        f.put("read_ceiling_records_per_s", 857_618.2);
        f.put("read_ceiling_runs_records_per_s", List.of(801_234.5, 857_618.2));
        f.putAll(CpuMeter.figures("tracker", reading(1_000_000_000L, full ? 500_000_000L : -1, 1_000, 4_000,
                        Map.of(1L, thread("kafka_streams", 60), 3L, thread("gc", 10))),
                reading(42_000_000_000L, full ? 12_500_000_000L : -1, 8_100, 12_200,
                        Map.of(1L, thread("kafka_streams", 2_860), 3L, thread("gc", 310), 4L, thread("jit", 120))), READS));
        f.put("tracker_seconds", 41.234);
        f.put("tracker_race_splits_done_seconds", 40.9);
        f.put("tracker_reads_per_s", 12_875.1);
        f.put("heap_used_mb", 212.4);
        f.put("heap_peak_after_gc_mb", 301.0);
        f.put("heap_max_mb", 1024.0);
        f.put("rss_mb", 689.3);
        f.put("rss_peak_mb", 702.0);
        final Map<String, Object> written = new LinkedHashMap<>();
        written.put("athlete-projections", written(530_894, 98_765_432, 1.0, 186.0));
        written.put("athlete-splits-changelog", written(530_894, 123_456_789, 1.0, 232.5));
        written.put("board-updates-repartition", written(0, 0, 0.0, 0.0));
        f.put("tracker_written", written);
        f.put("tracker_written_records_per_read", 2.0);
        f.put("tracker_written_bytes_per_read", 418.5);
        f.putAll(CpuMeter.figures("engine_ceiling", reading(2_000_000_000L, full ? 900_000_000L : -1, full ? 20_000 : -1, full ? 30_000 : -1, Map.of()),
                reading(12_300_000_000L, full ? 9_300_000_000L : -1, 25_000, 35_400, Map.of()), READS));
        f.put("engine_ceiling_seconds", 10.912);
        f.put("engine_ceiling_reads_per_s", 48_649.0);
        f.put("engine_written_records_per_read", 1.998);
        f.put("engine_written_bytes_per_read", 417.9);
        f.put("ratio_to_engine_ceiling", 0.265);
        f.put("ratio_to_read_ceiling", 0.015);
        f.putAll(CpuMeter.ownWork(f, 0.8));
        if (full) {
            latency(f, "live", 180_000, 2_000.0, 179_880, new long[] {31, 58, 97, 412});
            latency(f, "full", READS, 93_112.4, READS, new long[] {18_345, 35_020, 38_511, 40_002});
        }
        f.put("load_average_end", 3.9);
        return f;
    }

    private static void latency(final Map<String, Object> f, final String name, final long reads, final double rate,
                                final long measured, final long[] percentiles) {
        f.put("latency_" + name + "_reads", reads);
        f.put("latency_" + name + "_sent_reads_per_s", rate);
        f.put("latency_" + name + "_projections_measured", measured);
        f.put("latency_" + name + "_p50_ms", percentiles[0]);
        f.put("latency_" + name + "_p95_ms", percentiles[1]);
        f.put("latency_" + name + "_p99_ms", percentiles[2]);
        f.put("latency_" + name + "_max_ms", percentiles[3]);
        f.put("latency_" + name + "_windows", List.of(window(0, 9_990, percentiles), window(5, 10_020, percentiles)));
    }

    private static Map<String, Object> window(final long from, final long projections, final long[] percentiles) {
        final Map<String, Object> window = new LinkedHashMap<>();
        window.put("from_s", from);
        window.put("projections", projections);
        window.put("p50_ms", percentiles[0]);
        window.put("p99_ms", percentiles[2]);
        window.put("max_ms", percentiles[3]);
        return window;
    }

    private static Map<String, Object> written(final long records, final long bytes, final double perRead, final double perRecord) {
        final Map<String, Object> w = new LinkedHashMap<>();
        w.put("records", records);
        w.put("bytes", bytes);
        w.put("records_per_read", perRead);
        w.put("bytes_per_record", perRecord);
        return w;
    }

    private static CpuMeter.Reading reading(final long app, final long broker, final long busy, final long total,
                                            final Map<Long, CpuMeter.ThreadTicks> threads) {
        return new CpuMeter.Reading(app, broker, busy, total, threads);
    }

    private static CpuMeter.ThreadTicks thread(final String kind, final long ticks) {
        return new CpuMeter.ThreadTicks(kind, ticks);
    }
}
