package io.racetracker.cli.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the CPU went while a streams app ran through the race: the app's own process, the broker's (when the bench
 * started it), and the whole machine's busy time from {@code /proc/stat}. Divided by the reads processed, the apps'
 * figures say what each read costs in CPU; their difference between the tracker and the pass-through is what the
 * tracker's own logic costs per read, on top of what Kafka Streams costs both.
 */
final class CpuMeter {
    /**
     * CPU used so far, in nanoseconds; machine figures and the app's live threads (by thread id) in clock ticks; -1 or
     * empty where the system does not tell.
     */
    record Reading(long appNanos, long brokerNanos, long machineBusyTicks, long machineTotalTicks,
                   Map<Long, ThreadTicks> appThreads) {
    }

    /** One thread's kind ({@link #kind}) and its CPU ticks so far. */
    record ThreadTicks(String kind, long ticks) {
    }

    /** Linux's clock tick, the unit of /proc's CPU times. */
    private static final double TICK_SECONDS = 0.01;

    private final ProcessHandle app;
    private final ProcessHandle broker;

    /** @param broker the broker's process, or null when the bench uses a broker it did not start */
    CpuMeter(final ProcessHandle app, final ProcessHandle broker) {
        this.app = app;
        this.broker = broker;
    }

    Reading read() {
        final long[] machine = machineTicks();
        return new Reading(cpuNanos(app), broker == null ? -1 : cpuNanos(broker), machine[0], machine[1],
                threads(app.pid()));
    }

    /**
     * The figures of one phase, per read (the JSON names them after the app: {@code <app>_app_cpu_us_per_read}, ...):
     * the app's CPU, the broker's, the machine's busy share, and the app's CPU by kind of thread (Kafka Streams' own
     * threads, producer network threads, garbage collector, JIT compiler, RocksDB, other; threads that ended during
     * the phase are missing from it). Those the system could not tell are null, and left out of the JSON.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Figures(Double appCpuUsPerRead, Double brokerCpuUsPerRead, Double machineBusyPct,
                   Map<String, Double> appCpuUsPerReadByThread) {
    }

    /**
     * The tracker's own work per read, and the CPU per read the throughput goal leaves for it; null when a figure
     * they come from is missing.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OwnWork(@JsonProperty("tracker_own_cpu_us_per_read") Double trackerUsPerRead,
                   // the goal is 80% of the engine ceiling (BenchCommand)
                   @JsonProperty("own_cpu_budget_at_80pct_us_per_read") Double budgetUsPerRead) {
    }

    /** The figures of one phase, from its first and last readings. */
    static Figures figures(final Reading from, final Reading to, final long reads) {
        final long total = to.machineTotalTicks() - from.machineTotalTicks();
        final Double machineBusyPct = from.machineTotalTicks() >= 0 && total > 0
                ? Math.round(1000.0 * (to.machineBusyTicks() - from.machineBusyTicks()) / total) / 10.0 : null;
        Map<String, Double> byThread = null;
        if (!to.appThreads().isEmpty() && reads > 0) {
            // per thread, so that a thread ending (the JIT's come and go) takes nothing off its kind's figure
            final Map<String, Long> ticksByKind = new TreeMap<>();
            to.appThreads().forEach((tid, now) -> {
                final ThreadTicks before = from.appThreads().get(tid);
                ticksByKind.merge(now.kind(), now.ticks() - (before == null ? 0 : before.ticks()), Long::sum);
            });
            byThread = new LinkedHashMap<>();
            for (final Map.Entry<String, Long> kind : ticksByKind.entrySet()) {
                byThread.put(kind.getKey(), Math.round(10.0 * kind.getValue() * TICK_SECONDS * 1e6 / reads) / 10.0);
            }
        }
        return new Figures(perRead(from.appNanos(), to.appNanos(), reads), perRead(from.brokerNanos(), to.brokerNanos(), reads),
                machineBusyPct, byThread);
    }

    /**
     * The tracker's own work per read (its app's CPU per read less the pass-through's), and the CPU per read that the
     * goal of {@code share} of the engine ceiling leaves for it: the machine's CPU per read at that rate, as busy as
     * in the tracker phase, less everything the machine spent per read in the pass-through phase (broker, engine,
     * the rest).
     */
    static OwnWork ownWork(final int cores, final Figures tracker, final Figures engine, final double engineReadsPerS,
                           final double share) {
        final Double own = tracker.appCpuUsPerRead() != null && engine.appCpuUsPerRead() != null
                ? Math.round(10 * (tracker.appCpuUsPerRead() - engine.appCpuUsPerRead())) / 10.0 : null;
        Double budget = null;
        if (tracker.machineBusyPct() != null && engine.machineBusyPct() != null && engineReadsPerS > 0) {
            final double machineUs = cores * 1e6 / 100;
            final double availableAtGoal = machineUs * tracker.machineBusyPct() / (share * engineReadsPerS);
            final double usedByEngine = machineUs * engine.machineBusyPct() / engineReadsPerS;
            budget = Math.round(10 * (availableAtGoal - usedByEngine)) / 10.0;
        }
        return new OwnWork(own, budget);
    }

    private static Double perRead(final long from, final long to, final long reads) {
        if (from < 0 || to < 0 || reads <= 0) {
            return null;
        }
        return Math.round(10.0 * (to - from) / 1000.0 / reads) / 10.0;
    }

    private static long cpuNanos(final ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /**
     * The process's live threads with their kind and CPU ticks, from {@code /proc/PID/task/TID/stat}. A thread's name
     * there is its Java name cut to 15 characters, enough to tell the JVM's and the clients' threads apart.
     */
    private static Map<Long, ThreadTicks> threads(final long pid) {
        final Map<Long, ThreadTicks> byId = new TreeMap<>();
        final Path tasks = Path.of("/proc", String.valueOf(pid), "task");
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (final Path thread : threads) {
                try {
                    final String stat = Files.readString(thread.resolve("stat"), StandardCharsets.UTF_8);
                    // pid (comm) state ...: comm may hold spaces and parentheses, so split after its last ')'
                    final int close = stat.lastIndexOf(')');
                    final String comm = stat.substring(stat.indexOf('(') + 1, close);
                    final String[] fields = stat.substring(close + 2).split(" ");
                    // fields from state on: utime and stime are the 12th and 13th
                    byId.put(Long.parseLong(thread.getFileName().toString()),
                            new ThreadTicks(kind(comm), Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
                } catch (final IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (final IOException e) {
            return Map.of();
        }
        return byId;
    }

    static String kind(final String threadName) {
        if (threadName.startsWith("kafka-producer")) {
            return "producer_network";
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
            return "gc";
        }
        if (threadName.startsWith("C1 Compiler") || threadName.startsWith("C2 Compiler")) {
            return "jit";
        }
        if (threadName.startsWith("rocksdb")) {
            return "rocksdb";
        }
        // Kafka Streams names its threads after the client id, which starts with the bench's application id
        if (threadName.startsWith(BenchCommand.APP_ID_PREFIX)) {
            return "kafka_streams";
        }
        return "other";
    }

    /** Busy and total ticks of all cores since boot: {@code [busy, total]}, or {@code [-1, -1]} off Linux. */
    private static long[] machineTicks() {
        try {
            final String[] cpu = Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.UTF_8).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            // user nice system idle iowait irq softirq steal guest guest_nice; guests are already counted in user,
            // steal is time the machine's host took: neither busy here nor idle
            final long guests = cpu.length > 10 ? Long.parseLong(cpu[9]) + Long.parseLong(cpu[10]) : 0;
            final long notBusy = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]) + (cpu.length > 8 ? Long.parseLong(cpu[8]) : 0);
            total -= guests;
            return new long[] {total - notBusy, total};
        } catch (final IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }
}
