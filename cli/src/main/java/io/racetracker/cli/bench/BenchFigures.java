package io.racetracker.cli.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.racetracker.core.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The figures of one benchmark run, phase by phase: what its JSON holds (one flat object, keys in snake case, in the
 * order the phases ran) and its table shows.
 *
 * @param machine          what the run ran on
 * @param loadAverageStart the machine's 1-minute load average before the run
 * @param phases           the phases' figures
 * @param loadAverageEnd   the same after it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record BenchFigures(@JsonUnwrapped Machine machine, double loadAverageStart, @JsonUnwrapped Phases phases, double loadAverageEnd) {

    /** The JSON of {@code --json}: pretty-printed, with a final line break. */
    String json() throws JsonProcessingException {
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n";
    }

    /**
     * Every phase of a run, in order.
     *
     * @param latencyLive the latency at a live rate, null with {@code --no-latency}
     * @param latencyFull the latency while the race is loaded at full speed, null with {@code --no-latency}
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Phases(@JsonUnwrapped Settings settings, @JsonUnwrapped Load load,
                  @JsonUnwrapped(prefix = "read_ceiling_") ReadCeilingRuns readCeiling, @JsonUnwrapped Tracker tracker,
                  @JsonUnwrapped Engine engine, @JsonUnwrapped Comparison comparison,
                  @JsonUnwrapped(prefix = "latency_live_") Latency latencyLive,
                  @JsonUnwrapped(prefix = "latency_full_") Latency latencyFull) {
    }

    /** The race's size and the settings both streams apps ran with. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Settings(int runners, int streamThreads, int commitIntervalMs, String processingGuarantee, int partitions,
                    String appHeapMax, int appWarmupSeconds, int appWarmupMaxSeconds) {
    }

    /** The race on {@code race-splits}: every record (reads, duplicates, late reads) and how fast it went in. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Load(long reads, long readsDuplicate, long readsLate, long readsMalformed, double loadRecordsPerS) {
        static Load of(final RaceLoader.Loaded loaded) {
            return new Load(loaded.records(), loaded.duplicates(), loaded.late(), loaded.malformed(),
                    round(loaded.recordsPerSecond()));
        }
    }

    /**
     * What Kafka itself reads from {@code race-splits}.
     *
     * @param recordsPerS     the best run: the ceiling
     * @param runsRecordsPerS every run
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ReadCeilingRuns(double recordsPerS, List<Double> runsRecordsPerS) {
        static ReadCeilingRuns of(final List<Double> runs) {
            return new ReadCeilingRuns(round(best(runs)), runs.stream().map(BenchFigures::round).toList());
        }

        static double best(final List<Double> runs) {
            return runs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }
    }

    /**
     * The tracker catching up on the whole race.
     *
     * @param seconds               until its outputs of every read (race views included) were committed
     * @param raceSplitsDoneSeconds until its offsets on {@code race-splits} reached the end
     * @param written               what it wrote, by topic (internal topics named without the application id)
     */
    record Tracker(@JsonUnwrapped(prefix = "tracker_") CpuMeter.Figures cpu,
                   @JsonProperty("tracker_seconds") double seconds,
                   @JsonProperty("tracker_race_splits_done_seconds") double raceSplitsDoneSeconds,
                   @JsonProperty("tracker_reads_per_s") double readsPerS,
                   @JsonUnwrapped Heap heap,
                   @JsonProperty("tracker_written") Map<String, Written> written,
                   @JsonProperty("tracker_written_records_per_read") double writtenRecordsPerRead,
                   @JsonProperty("tracker_written_bytes_per_read") double writtenBytesPerRead,
                   @JsonUnwrapped(prefix = "tracker_") Jvm jvm) {
    }

    /**
     * The app's JVM in its measured run.
     *
     * @param warmupSeconds         how long it warmed up before (until its JIT compiler was quiet, within bounds)
     * @param allocatedBytesPerRead heap its threads allocated per read over the run
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Jvm(double warmupSeconds, double allocatedBytesPerRead) {
        static Jvm of(final double warmupSeconds, final long allocatedBytes, final long reads) {
            return new Jvm(round(warmupSeconds), round(allocatedBytes / (double) reads));
        }
    }

    /** What the tracker's producers wrote to one topic, in all and per read. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Written(long records, long bytes, double recordsPerRead, double bytesPerRecord) {
        static Written of(final Writes writes, final long reads) {
            return new Written(writes.records(), writes.bytes(), round3(writes.records() / (double) reads),
                    writes.records() == 0 ? 0 : round(writes.bytesPerRecord()));
        }

        /** By topic, in the order given, each named by {@code topicName}. */
        static Map<String, Written> byTopic(final Map<String, Writes> writes, final long reads,
                                            final UnaryOperator<String> topicName) {
            final Map<String, Written> byTopic = new LinkedHashMap<>();
            writes.forEach((topic, w) -> byTopic.put(topicName.apply(topic), of(w, reads)));
            return byTopic;
        }
    }

    /**
     * The tracker's JVM after the tracker phase: heap used after a full GC, the largest heap seen after any GC during
     * the run, the heap's maximum, and the resident set at the end and at its peak, all in MB.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Heap(double heapUsedMb, double heapPeakAfterGcMb, double heapMaxMb, double rssMb, double rssPeakMb) {
        static Heap of(final AppProcess.Memory memory) {
            return new Heap(mb(memory.heapUsedBytes()), mb(memory.heapPeakAfterGcBytes()), mb(memory.heapMaxBytes()),
                    round(memory.rssKb() / 1024.0), round(memory.rssPeakKb() / 1024.0));
        }
    }

    /** The engine ceiling: the pass-through app writing what the tracker wrote, with no logic. */
    record Engine(@JsonUnwrapped(prefix = "engine_ceiling_") CpuMeter.Figures cpu,
                  @JsonProperty("engine_ceiling_seconds") double seconds,
                  @JsonProperty("engine_ceiling_reads_per_s") double readsPerS,
                  @JsonProperty("engine_written_records_per_read") double writtenRecordsPerRead,
                  @JsonProperty("engine_written_bytes_per_read") double writtenBytesPerRead,
                  @JsonUnwrapped(prefix = "engine_ceiling_") Jvm jvm) {
    }

    /** The tracker against both ceilings, and what its own work costs per read. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Comparison(double ratioToEngineCeiling, double ratioToReadCeiling, @JsonUnwrapped CpuMeter.OwnWork ownWork) {
        /**
         * @param readCeiling the read ceiling's best run, unrounded
         * @param share       the throughput goal, as a share of the engine ceiling
         */
        static Comparison of(final int cores, final Tracker tracker, final Engine engine, final double readCeiling,
                             final double share) {
            return new Comparison(round3(tracker.readsPerS() / engine.readsPerS()), round3(tracker.readsPerS() / readCeiling),
                    CpuMeter.ownWork(cores, tracker.cpu(), engine.cpu(), engine.readsPerS(), share));
        }
    }

    /**
     * One latency run: reads sent, at what rate, projections measured, their latency in ms (HdrHistogram) and the
     * same by window of read time.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Latency(long reads, double sentReadsPerS, long projectionsMeasured, long p50Ms, long p95Ms, long p99Ms,
                   long maxMs, List<LatencyProbe.Window> windows) {
    }

    static double round(final double value) {
        return Math.round(value * 10) / 10.0;
    }

    static double round3(final double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    static double mb(final long bytes) {
        return round(bytes / (1024.0 * 1024.0));
    }
}
