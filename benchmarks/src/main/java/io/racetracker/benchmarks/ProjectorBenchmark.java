package io.racetracker.benchmarks;

import io.racetracker.core.event.AthleteProjection;
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
 * The prediction per split exactly as the tracker makes it: {@link Projector#project} from an athlete's accepted
 * splits to the published projection (forecast, band, P(target), paces, next mat, display texts).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ProjectorBenchmark {
    private final Projector projector = new Projector(Models.live());

    @Benchmark
    public AthleteProjection projectSplit() {
        return projector.project(MassSplit.COURSE, MassSplit.ATHLETE, MassSplit.HISTORY, MassSplit.LATEST);
    }
}
