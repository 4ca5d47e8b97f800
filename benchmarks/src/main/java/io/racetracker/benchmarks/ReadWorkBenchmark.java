package io.racetracker.benchmarks;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.BroadcastLine;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.json.JsonSerde;
import io.racetracker.core.model.Models;
import io.racetracker.core.projection.Projector;
import java.util.ArrayList;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * A floor under what the tracker must compute per read that the engine-ceiling pass-through does not: parse the
 * read, project it, write the projection (once, for its two topics) and the broadcast line as JSON, and write the
 * athlete's splits so far for the changelog (Smile). Left out, so that the floor stays a floor: reading the history
 * back (an in-memory copy could spare it), the state store, the checks, alerts, race boards, results, and Kafka
 * Streams' own cost of the extra processors. The benchmark's report compares it with the CPU per read that the
 * 80%-of-the-engine-ceiling goal leaves for the tracker's own work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ReadWorkBenchmark {
    private final JsonSerde<SplitEvent> splitSerde = JsonSerde.of(SplitEvent.class);
    private final JsonSerde<AthleteProjection> projectionSerde = JsonSerde.of(AthleteProjection.class);
    private final JsonSerde<BroadcastLine> broadcastSerde = JsonSerde.of(BroadcastLine.class);
    private final JsonSerde<SplitEvent[]> historySmile = JsonSerde.internal(SplitEvent[].class);
    private final Projector projector = new Projector(Models.live());
    private final byte[] readBytes = splitSerde.serialize("race-splits", MassSplit.LATEST);
    private final List<SplitEvent> before = MassSplit.HISTORY.subList(0, MassSplit.HISTORY.size() - 1);

    @Benchmark
    public void essentials(final Blackhole out) {
        final SplitEvent read = splitSerde.deserialize("race-splits", readBytes);
        final List<SplitEvent> history = new ArrayList<>(before);
        history.add(read);
        final AthleteProjection projection = projector.project(MassSplit.COURSE, MassSplit.ATHLETE, history, read);
        out.consume(projectionSerde.serialize("athlete-projections", projection));
        out.consume(broadcastSerde.serialize("broadcast-feed", new BroadcastLine(projection.raceId(),
                projection.athleteId(), projection.name(), projection.timingPointId(), projection.distanceM(),
                projection.elapsedMs(), projection.projectedFinishMs(), projection.pTarget(),
                projection.aheadOfTargetMs(), projection.status(), projection.readAt())));
        out.consume(historySmile.serialize("athlete-splits", history.toArray(SplitEvent[]::new)));
    }
}
