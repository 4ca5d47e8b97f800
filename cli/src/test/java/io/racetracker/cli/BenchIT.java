package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.racetracker.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code race-tracker bench} on a small race, against its own real broker: the run completes and its JSON has every
 * figure with sane relations. It asserts no speed: speeds belong to the benchmark's report, not to a test.
 */
class BenchIT {
    private static final List<String> FIELDS = List.of("cores", "memory_total_mb", "load_average_start",
            "load_average_end", "runners", "stream_threads", "commit_interval_ms", "processing_guarantee", "reads",
            "read_ceiling_records_per_s", "engine_ceiling_reads_per_s", "tracker_reads_per_s", "ratio_to_engine_ceiling",
            "ratio_to_read_ceiling", "tracker_written_records_per_read", "tracker_written_bytes_per_read",
            "engine_written_records_per_read", "engine_written_bytes_per_read", "latency_live_p50_ms",
            "latency_live_p95_ms", "latency_live_p99_ms", "latency_live_max_ms", "latency_full_p50_ms",
            "latency_full_p95_ms", "latency_full_p99_ms", "latency_full_max_ms", "heap_used_mb", "heap_max_mb",
            "rss_mb", "tracker_app_cpu_us_per_read", "engine_ceiling_app_cpu_us_per_read", "tracker_broker_cpu_us_per_read",
            "engine_ceiling_broker_cpu_us_per_read", "tracker_machine_busy_pct", "engine_ceiling_machine_busy_pct",
            "tracker_own_cpu_us_per_read", "own_cpu_budget_at_80pct_us_per_read");

    @Test
    void aSmallRaceGivesEveryFigureWithSaneRelations(@TempDir final Path dir) throws Exception {
        final Path json = dir.resolve("bench.json");
        try (Launcher bench = Launcher.start(dir, "bench", "bench", "--runners", "200", "--live-seconds", "3",
                "--live-warmup-seconds", "0", "--app-warmup-seconds", "2", "--app-warmup-max-seconds", "4", "--json", json.toString())) {
            final int exit = bench.awaitExit(Duration.ofMinutes(8));
            final String out = bench.output();
            assertEquals(0, exit, out);
            assertTrue(out.contains("tracker / engine ceiling"), out);

            final JsonNode f = Json.mapper().readTree(Files.readString(json));
            for (final String field : FIELDS) {
                assertTrue(f.hasNonNull(field), "missing " + field + " in " + f);
            }
            assertEquals(200, f.get("runners").asInt());
            assertEquals(2, f.get("app_warmup_seconds").asInt(), "both apps measured after a warm-up of their own");
            for (final String app : List.of("tracker", "engine_ceiling")) {
                final double warmup = f.get(app + "_warmup_seconds").asDouble();
                // at least the minimum; the maximum is checked every second once a warm-up app runs, so the time an
                // app takes to start comes on top of it
                assertTrue(warmup >= 2 && warmup < 4 + 40, app + " warmed up at least the minimum, not long past the maximum: "
                        + warmup);
                assertTrue(f.get(app + "_allocated_bytes_per_read").asDouble() > 0, app + " allocation counted");
            }
            assertTrue(f.get("reads").asLong() > 200 * 5, "every runner crosses several mats: " + f.get("reads"));
            for (final String rate : List.of("read_ceiling_records_per_s", "engine_ceiling_reads_per_s", "tracker_reads_per_s")) {
                assertTrue(f.get(rate).asDouble() > 0, rate);
            }
            assertEquals(f.get("tracker_reads_per_s").asDouble() / f.get("engine_ceiling_reads_per_s").asDouble(),
                    f.get("ratio_to_engine_ceiling").asDouble(), 0.002);
            assertTrue(f.get("tracker_written").get("athlete-projections").get("records").asLong() > 0,
                    "the tracker's outputs are counted");
            assertTrue(f.get("tracker_written_records_per_read").asDouble() >= 1, "at least a projection per read");
            assertTrue(f.get("engine_written_records_per_read").asDouble() > 0, "the pass-through writes");
            for (final String run : List.of("live", "full")) {
                final long p50 = f.get("latency_" + run + "_p50_ms").asLong();
                final long p95 = f.get("latency_" + run + "_p95_ms").asLong();
                final long p99 = f.get("latency_" + run + "_p99_ms").asLong();
                final long max = f.get("latency_" + run + "_max_ms").asLong();
                assertTrue(0 <= p50 && p50 <= p95 && p95 <= p99 && p99 <= max, run + " percentiles in order");
                assertTrue(f.get("latency_" + run + "_projections_measured").asLong() > 0, run + " projections seen");
            }
            assertTrue(f.get("heap_used_mb").asDouble() > 0
                    && f.get("heap_used_mb").asDouble() <= f.get("heap_max_mb").asDouble(), "heap within its maximum");
            assertTrue(f.get("rss_mb").asDouble() > 0, "resident set read from /proc");
            // the tracker phase lasts seconds; the pass-through's, on 200 runners, a fraction of one, where a quiet
            // process can stay under the 10 ms resolution of the CPU times /proc keeps
            assertTrue(f.get("tracker_app_cpu_us_per_read").asDouble() > 0, "tracker app used CPU");
            assertTrue(f.get("tracker_broker_cpu_us_per_read").asDouble() > 0, "broker used CPU in the tracker phase");
            for (final String phase : List.of("tracker", "engine_ceiling")) {
                assertTrue(f.get(phase + "_app_cpu_us_per_read").asDouble() >= 0, phase + " app CPU");
                assertTrue(f.get(phase + "_broker_cpu_us_per_read").asDouble() >= 0, phase + " broker CPU");
                final double busy = f.get(phase + "_machine_busy_pct").asDouble();
                assertTrue(busy > 0 && busy <= 100, phase + " machine busy " + busy);
            }
            assertTrue(out.contains("CPU per read, app"), out);
            assertEquals(f.get("tracker_app_cpu_us_per_read").asDouble() - f.get("engine_ceiling_app_cpu_us_per_read").asDouble(),
                    f.get("tracker_own_cpu_us_per_read").asDouble(), 0.11, "own work = tracker app less pass-through app");
        }
    }
}
