package io.racetracker.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuMeterTest {
    private static final CpuMeter.Figures NOTHING = new CpuMeter.Figures(null, null, null, null);

    @Test
    void aPhaseIsTheDifferenceOfTwoReadingsPerRead() {
        final CpuMeter.Reading from = new CpuMeter.Reading(1_000_000_000L, 500_000_000L, 1_000, 4_000,
                Map.of(1L, thread("kafka_streams", 60), 2L, thread("kafka_streams", 40), 3L, thread("gc", 10),
                        4L, thread("jit", 900)));
        final CpuMeter.Reading to = new CpuMeter.Reading(3_000_000_000L, 1_500_000_000L, 1_900, 5_000,
                Map.of(1L, thread("kafka_streams", 150), 2L, thread("kafka_streams", 100), 3L, thread("gc", 30),
                        5L, thread("jit", 5)));

        final CpuMeter.Figures f = CpuMeter.figures(from, to, 40_000);

        assertEquals(50.0, f.appCpuUsPerRead(), "2 s of CPU over 40,000 reads");
        assertEquals(25.0, f.brokerCpuUsPerRead());
        assertEquals(90.0, f.machineBusyPct(), "900 of 1,000 ticks busy");
        assertEquals(Map.of("kafka_streams", 37.5, "gc", 5.0, "jit", 1.3), f.appCpuUsPerReadByThread(),
                "150, 20 and 5 ticks of 10 ms over 40,000 reads: a thread new in the phase counts from 0, one that"
                        + " ended (the JIT thread with 900 ticks) takes nothing off its kind");
    }

    @Test
    void theGoalLeavesTheMachinesCpuAtTheGoalRateLessWhatThePassThroughPhaseUsed() {
        final CpuMeter.Figures tracker = new CpuMeter.Figures(78.6, null, 97.4, null);
        final CpuMeter.Figures engine = new CpuMeter.Figures(19.4, null, 92.6, null);

        final CpuMeter.OwnWork f = CpuMeter.ownWork(2, tracker, engine, 48_649.0, 0.8);

        assertEquals(59.2, f.trackerUsPerRead());
        // 2 cores x 97.4% / 38,919.2 reads/s = 50.05 us, less 2 x 92.6% / 48,649 = 38.07 us
        assertEquals(12.0, f.budgetUsPerRead());
        assertEquals(new CpuMeter.OwnWork(null, null), CpuMeter.ownWork(2, NOTHING, NOTHING, 48_649.0, 0.8),
                "nothing without the phases' figures");
    }

    private static CpuMeter.ThreadTicks thread(final String kind, final long ticks) {
        return new CpuMeter.ThreadTicks(kind, ticks);
    }

    @Test
    void whatTheSystemDoesNotTellIsLeftOut() {
        final CpuMeter.Reading unknown = new CpuMeter.Reading(-1, -1, -1, -1, Map.of());

        assertEquals(NOTHING, CpuMeter.figures(unknown, unknown, 1_000));
    }

    @Test
    void threadsAreToldApartByTheirNames() {
        assertEquals("kafka_streams", CpuMeter.kind((BenchCommand.APP_ID_PREFIX + "mwqt3t9f-tracker").substring(0, 15)));
        assertEquals("producer_network", CpuMeter.kind("kafka-producer-"));
        assertEquals("gc", CpuMeter.kind("GC Thread#1"));
        assertEquals("gc", CpuMeter.kind("G1 Conc#0"));
        assertEquals("jit", CpuMeter.kind("C2 CompilerThre"));
        assertEquals("rocksdb", CpuMeter.kind("rocksdb:low"));
        assertEquals("other", CpuMeter.kind("kafka-coordinat"));
    }

    @Test
    void readsThisProcess() {
        final CpuMeter.Reading now = new CpuMeter(ProcessHandle.current(), null).read();

        assertTrue(now.appNanos() > 0, "this JVM has used CPU");
        assertEquals(-1, now.brokerNanos(), "no broker given");
        assertTrue(now.machineBusyTicks() > 0 && now.machineBusyTicks() <= now.machineTotalTicks());
        assertFalse(now.appThreads().isEmpty(), "this JVM's threads");
    }
}
