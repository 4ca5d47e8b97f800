package io.racetracker.benchmarks;

import io.racetracker.core.event.Sex;
import io.racetracker.core.model.EvenPaceModel;
import io.racetracker.core.model.FinishForecast;
import io.racetracker.core.model.FinishTimeModel;
import io.racetracker.core.model.Models;
import io.racetracker.core.model.RunnerProfile;
import io.racetracker.core.model.Split;
import io.racetracker.core.race.Courses;
import java.util.List;
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
 * What one live split costs the model: a forecast from a mass runner's splits at 30 km, then the three figures the
 * tracker publishes (projection, 10-90% band, P(target)).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class PredictionBenchmark {
    private final FinishTimeModel fitted = Models.live();
    private final FinishTimeModel evenPace = new EvenPaceModel();
    private final RunnerProfile profile = new RunnerProfile(Sex.F, 45);
    private final List<Split> splits = List.of(new Split(5_000, 1_650_000), new Split(10_000, 3_310_000),
            new Split(15_000, 4_980_000), new Split(20_000, 6_660_000), new Split(Courses.HALF_M, 7_030_000),
            new Split(25_000, 8_370_000), new Split(30_000, 10_120_000));
    private final long targetMs = 14_400_000;

    @Benchmark
    public double fittedModel() {
        return publish(fitted.forecast(splits, Courses.MARATHON_M, profile));
    }

    @Benchmark
    public double evenPaceBaseline() {
        return publish(evenPace.forecast(splits, Courses.MARATHON_M, profile));
    }

    private double publish(final FinishForecast f) {
        return f.projectedFinishMs() + f.quantileMs(0.1) + f.quantileMs(0.9) + f.probabilityUnder(targetMs);
    }
}
