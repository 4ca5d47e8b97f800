package io.racetracker.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        final BenchFigures f = figures(true);

        assertEquals(resource("full.json"), f.json());
        assertEquals(resource("full.txt"), BenchReport.table(f));
    }

    @Test
    void aRunWithoutLatencyOrBrokerCpuLeavesThoseOut() throws IOException {
        final BenchFigures f = figures(false);

        assertEquals(resource("partial.json"), f.json());
        assertEquals(resource("partial.txt"), BenchReport.table(f));
    }

    private static String resource(final String name) throws IOException {
        try (InputStream in = BenchFiguresTest.class.getResourceAsStream("/bench/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The figures of a run, phase by phase; {@code full}: latency runs, the broker's CPU and the machine's in the
     * pass-through phase too.
     */
    private static BenchFigures figures(final boolean full) {
        final Machine machine = new Machine(2, "Intel(R) Xeon(R) CPU @ 2.20GHz", 24_032L, "Linux 6.18.0",
                "OpenJDK 64-Bit Server VM 17.0.15", "4.3.1");
        final BenchFigures.Settings settings = new BenchFigures.Settings(50_000, 2, 100, "exactly_once_v2", 6, "1g", 30, 180);
        final BenchFigures.Load load = new BenchFigures.Load(READS, 5_021L, 2_114L, 0L, 91_234.5);
        final List<Double> ceilings = List.of(801_234.5, 857_618.2);
        final CpuMeter.Figures trackerCpu = CpuMeter.figures(reading(1_000_000_000L, full ? 500_000_000L : -1, 1_000, 4_000,
                        Map.of(1L, thread("kafka_streams", 60), 3L, thread("gc", 10))),
                reading(42_000_000_000L, full ? 12_500_000_000L : -1, 8_100, 12_200,
                        Map.of(1L, thread("kafka_streams", 2_860), 3L, thread("gc", 310), 4L, thread("jit", 120))), READS);
        final Map<String, BenchFigures.Written> written = new LinkedHashMap<>();
        written.put("athlete-projections", new BenchFigures.Written(530_894, 98_765_432, 1.0, 186.0));
        written.put("athlete-splits-changelog", new BenchFigures.Written(530_894, 123_456_789, 1.0, 232.5));
        written.put("board-updates-repartition", new BenchFigures.Written(0, 0, 0.0, 0.0));
        final BenchFigures.Tracker tracker = new BenchFigures.Tracker(trackerCpu, 41.234, 40.9, 12_875.1,
                new BenchFigures.Heap(212.4, 301.0, 1024.0, 689.3, 702.0), written, 2.0, 418.5,
                new BenchFigures.Jvm(95.3, 41_234.5));
        final CpuMeter.Figures engineCpu = CpuMeter.figures(
                reading(2_000_000_000L, full ? 900_000_000L : -1, full ? 20_000 : -1, full ? 30_000 : -1, Map.of()),
                reading(12_300_000_000L, full ? 9_300_000_000L : -1, 25_000, 35_400, Map.of()), READS);
        final BenchFigures.Engine engine = new BenchFigures.Engine(engineCpu, 10.912, 48_649.0, 1.998, 417.9,
                new BenchFigures.Jvm(41.0, 2_345.6));
        final BenchFigures.Phases phases = new BenchFigures.Phases(settings, load, BenchFigures.ReadCeilingRuns.of(ceilings),
                tracker, engine, BenchFigures.Comparison.of(machine.cores(), tracker, engine, 857_618.2, 0.8),
                full ? latency(180_000, 2_000.0, 179_880, 31, 58, 97, 412) : null,
                full ? latency(READS, 93_112.4, READS, 18_345, 35_020, 38_511, 40_002) : null);
        return new BenchFigures(machine, 1.12, phases, 3.9);
    }

    private static BenchFigures.Latency latency(final long reads, final double rate, final long measured, final long p50,
                                                final long p95, final long p99, final long max) {
        return new BenchFigures.Latency(reads, rate, measured, p50, p95, p99, max,
                List.of(new LatencyProbe.Window(0, 9_990, p50, p99, max), new LatencyProbe.Window(5, 10_020, p50, p99, max)));
    }

    private static CpuMeter.Reading reading(final long app, final long broker, final long busy, final long total,
                                            final Map<Long, CpuMeter.ThreadTicks> threads) {
        return new CpuMeter.Reading(app, broker, busy, total, threads);
    }

    private static CpuMeter.ThreadTicks thread(final String kind, final long ticks) {
        return new CpuMeter.ThreadTicks(kind, ticks);
    }
}
