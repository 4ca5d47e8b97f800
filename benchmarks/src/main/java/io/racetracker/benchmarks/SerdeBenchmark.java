package io.racetracker.benchmarks;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.json.JsonSerde;
import io.racetracker.core.model.Models;
import io.racetracker.core.projection.Projector;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the serde costs on the tracker's hot path: every read is parsed once from {@code race-splits}; every accepted
 * split writes a projection (once, for {@code athlete-projections} and {@code athlete-state}); and the athlete's
 * splits so far are read from and written to the {@code athlete-splits} store, in Smile (binary JSON), here beside
 * the same splits as JSON text.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SerdeBenchmark {
    private final JsonSerde<SplitEvent> splitSerde = JsonSerde.of(SplitEvent.class);
    private final JsonSerde<AthleteProjection> projectionSerde = JsonSerde.of(AthleteProjection.class);
    private final SplitEvent split = MassSplit.LATEST;
    private final byte[] splitBytes = splitSerde.serialize("race-splits", split);
    private final AthleteProjection projection = new Projector(Models.live())
            .project(MassSplit.COURSE, MassSplit.ATHLETE, MassSplit.HISTORY, split);
    private final byte[] projectionBytes = projectionSerde.serialize("athlete-projections", projection);
    private final SplitEvent[] history = MassSplit.HISTORY.toArray(SplitEvent[]::new);
    private final JsonSerde<SplitEvent[]> historyJson = JsonSerde.of(SplitEvent[].class);
    private final JsonSerde<SplitEvent[]> historySmile = JsonSerde.internal(SplitEvent[].class);
    private final byte[] historyJsonBytes = historyJson.serialize("athlete-splits", history);
    private final byte[] historySmileBytes = historySmile.serialize("athlete-splits", history);

    @Benchmark
    public byte[] serializeSplit() {
        return splitSerde.serialize("race-splits", split);
    }

    @Benchmark
    public SplitEvent deserializeSplit() {
        return splitSerde.deserialize("race-splits", splitBytes);
    }

    @Benchmark
    public byte[] serializeProjection() {
        return projectionSerde.serialize("athlete-projections", projection);
    }

    @Benchmark
    public AthleteProjection deserializeProjection() {
        return projectionSerde.deserialize("athlete-projections", projectionBytes);
    }

    @Benchmark
    public SplitEvent[] deserializeHistoryJson() {
        return historyJson.deserialize("athlete-splits", historyJsonBytes);
    }

    @Benchmark
    public SplitEvent[] deserializeHistorySmile() {
        return historySmile.deserialize("athlete-splits", historySmileBytes);
    }

    @Benchmark
    public byte[] serializeHistoryJson() {
        return historyJson.serialize("athlete-splits", history);
    }

    @Benchmark
    public byte[] serializeHistorySmile() {
        return historySmile.serialize("athlete-splits", history);
    }
}
