package io.racetracker.benchmarks;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Course;
import io.racetracker.core.model.Models;
import io.racetracker.core.topic.Topics;
import io.racetracker.producer.scenario.MassRace;
import io.racetracker.producer.scenario.Scenario;
import io.racetracker.producer.wire.FaultInjector;
import io.racetracker.producer.wire.Outgoing;
import io.racetracker.streams.StreamsSettings;
import io.racetracker.streams.TrackerTopology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The tracker's own work per read, without a broker: a mass race's reads (with the timing mats' duplicates, late
 * reads and malformed records) piped one by one through the whole tracker topology in Kafka Streams'
 * {@link TopologyTestDriver}, with its stores (in memory and in RocksDB, as deployed), every output serialized. What
 * it leaves out is what the engine ceiling of {@code ./race-tracker bench} also pays (the consumer, the producer,
 * transactions), so a change to the hot path shows here within a few percent in a minute, where the full bench needs
 * ten and a quiet machine.
 * Each iteration starts a new driver on an empty state directory and carries the race on from its first read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class TopologyBenchmark {
    /** Enough reads that no iteration runs out (about 10.6 per runner). */
    @Param("30000")
    public int runners;

    private Scenario race;
    private final List<String> keys = new ArrayList<>();
    private final List<byte[]> values = new ArrayList<>();
    private final List<Instant> times = new ArrayList<>();

    private Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> splits;
    private int next;

    @Setup(Level.Trial)
    public void loadRace() {
        race = MassRace.scenario(runners, 7);
        final FaultInjector wire = new FaultInjector(race.iterator(), race.course(), race.defaultFaults());
        while (wire.hasNext()) {
            final Outgoing out = wire.next();
            keys.add(out.key());
            values.add(out.raw() != null ? out.raw()
                    : Topics.RACE_SPLITS.valueSerde().serialize(Topics.RACE_SPLITS.name(), out.read()));
            times.add(out.sendAt());
        }
    }

    @Setup(Level.Iteration)
    public void startDriver() throws IOException {
        stateDir = Files.createTempDirectory("topology-bench");
        final Properties props = new Properties();
        props.putAll(StreamsSettings.defaults("unused:9092"));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-bench");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        final Course course = race.course();
        driver = new TopologyTestDriver(TrackerTopology.build(Models.live(), props), props, course.startTime());
        driver.createInputTopic(Topics.RACE_COURSES.name(), Serdes.String().serializer(), Topics.RACE_COURSES.valueSerde())
                .pipeInput(course.raceId(), course, course.startTime());
        final TestInputTopic<String, Athlete> athletes = driver.createInputTopic(Topics.RACE_ATHLETES.name(),
                Serdes.String().serializer(), Topics.RACE_ATHLETES.valueSerde());
        for (final Athlete athlete : race.athletes()) {
            athletes.pipeInput(athlete.key(), athlete, course.startTime());
        }
        splits = driver.createInputTopic(Topics.RACE_SPLITS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        next = 0;
    }

    @Benchmark
    public void read() {
        if (next == keys.size()) {
            throw new IllegalStateException("the race ran out of reads in one iteration: raise runners");
        }
        splits.pipeInput(keys.get(next), values.get(next), times.get(next));
        next++;
    }

    @TearDown(Level.Iteration)
    public void closeDriver() {
        driver.close();
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
