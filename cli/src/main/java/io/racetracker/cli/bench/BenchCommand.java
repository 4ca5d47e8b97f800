package io.racetracker.cli.bench;

import static io.racetracker.cli.bench.BenchFigures.round;
import static io.racetracker.cli.bench.BenchFigures.round3;

import io.racetracker.cli.KafkaOptions;
import io.racetracker.cli.LocalKafka;
import io.racetracker.core.topic.Topics;
import io.racetracker.producer.ProducerSettings;
import io.racetracker.producer.scenario.MassRace;
import io.racetracker.producer.scenario.Scenario;
import io.racetracker.producer.scenario.Scenarios;
import io.racetracker.streams.StreamsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures, on one topic in one run: the read ceiling (Kafka's ConsumerPerformance), the engine"
                + " ceiling (a pass-through Kafka Streams app with the tracker's settings writing as much as the tracker"
                + " does), the tracker's own throughput, latency at a live rate and at full speed, the app's memory,"
                + " and the CPU each app, its threads and the broker used per read.",
            "Starts a local broker unless --bootstrap-server is given; prints one table, and JSON with --json."})
public final class BenchCommand implements Callable<Integer> {
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(30);
    /** Every application id of the bench's streams apps starts so (and so do their threads' names). */
    static final String APP_ID_PREFIX = "bench-";
    /** The throughput goal: the tracker at this share of the engine ceiling. */
    private static final double GOAL_SHARE_OF_ENGINE_CEILING = 0.8;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--runners", paramLabel = "N", defaultValue = "50000",
            description = "Runners in the mass race (default ${DEFAULT-VALUE}; London has about 48,000 finishers).")
    int runners;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures to FILE as JSON.")
    Path json;

    @Option(names = "--live-rate", paramLabel = "READS_PER_S", defaultValue = "2000",
            description = "Rate of the live latency run (default ${DEFAULT-VALUE} reads/s).")
    double liveRate;

    @Option(names = "--live-seconds", paramLabel = "S", defaultValue = "90",
            description = "Length of the live latency run (default ${DEFAULT-VALUE} s).")
    int liveSeconds;

    @Option(names = "--live-warmup-seconds", paramLabel = "S", defaultValue = "30",
            description = "Reads of the first S seconds of the live run are processed but not measured (default ${DEFAULT-VALUE}).")
    int liveWarmupSeconds;

    @Option(names = "--quiet", description = "No progress bar or progress lines while loading; only the figures.")
    boolean quiet;

    @Option(names = "--no-latency", description = "Skip both latency runs (throughput and memory only).")
    boolean noLatency;

    @Option(names = "--recreate-topics",
            description = "With --bootstrap-server: allow the bench to delete and recreate the race's topics on that"
                    + " cluster (it always does on its own broker). Never on a cluster that carries a real race.")
    boolean recreateTopics;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the mass field and its faults (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--app-warmup-seconds", paramLabel = "S", defaultValue = "30",
            description = "Before the tracker and the engine ceiling are measured, each runs at least this long on the race in"
                    + " its own JVM under another application id, and on until its JIT compiler is quiet, so that both are"
                    + " measured with their hot code compiled, as a tracker is a few minutes into a race (default"
                    + " ${DEFAULT-VALUE}; 0 measures cold JVMs).")
    int appWarmupSeconds;

    @Option(names = "--app-warmup-max-seconds", paramLabel = "S", defaultValue = "180",
            description = "The longest a warm-up goes on waiting for the JIT compiler to be quiet (under 5%% of a core"
                    + " over 10 s), checked every second once the warm-up app has started (default ${DEFAULT-VALUE}).")
    int appWarmupMaxSeconds;

    @Option(names = "--app-heap", paramLabel = "SIZE", defaultValue = "1g",
            description = "Maximum heap of the streams apps' JVM (default ${DEFAULT-VALUE}, the heap ./race-tracker gives"
                    + " every command; the heap used is reported whatever the maximum).")
    String appHeap;

    @Option(names = "--profile", paramLabel = "FILE.jfr",
            description = "Record the tracker app's throughput run with Java Flight Recorder (profile settings) into FILE.jfr,"
                    + " and its live latency run into FILE-live.jfr.")
    Path profile;

    /** The broker's process when the bench started it (its CPU time is measured per phase), else null. */
    private ProcessHandle brokerProcess;

    @Override
    public Integer call() throws Exception {
        if (!(liveRate > 0) || liveSeconds < 1 || liveWarmupSeconds < 0 || liveWarmupSeconds >= liveSeconds) {
            throw new IllegalArgumentException("--live-rate must be > 0 and --live-warmup-seconds shorter than"
                    + " --live-seconds (" + liveSeconds + ")");
        }
        if (appWarmupSeconds < 0 || appWarmupMaxSeconds < appWarmupSeconds) {
            throw new IllegalArgumentException("--app-warmup-seconds must be 0 or more, and --app-warmup-max-seconds no less");
        }
        if (kafka.bootstrapServer != null && !recreateTopics) {
            throw new IllegalArgumentException("the bench deletes and recreates race-splits and every other race topic"
                    + " on " + kafka.bootstrapServer + "; add --recreate-topics if that cluster is only for benchmarking");
        }
        final Scenario race = Scenarios.byName(MassRace.RACE_ID, new Scenarios.Options(runners, seed));
        final Path workDir = Files.createTempDirectory("race-tracker-bench-");
        final Machine machine = Machine.describe();
        final double loadAverageStart = Machine.loadAverage();
        final BenchFigures.Phases phases;
        LocalKafka broker = null;
        boolean ok = false;
        try {
            if (kafka.bootstrapServer == null) {
                final int port = LocalKafka.freePortPair(28092);
                System.out.printf("Starting a local Kafka broker on 127.0.0.1:%d ...%n", port);
                broker = LocalKafka.start(workDir.resolve("broker"), port, workDir.resolve("broker.log"));
                brokerProcess = broker.process();
                kafka.bootstrapServer = broker.bootstrapServers();
            }
            phases = new Run(race, workDir, machine).all();
            ok = true;
        } finally {
            if (broker != null) {
                broker.close();
            }
            if (ok) {
                deleteRecursively(workDir);
            } else {
                System.err.println("Logs of the failed run are in " + workDir);
            }
        }
        final BenchFigures figures = new BenchFigures(machine, loadAverageStart, phases, Machine.loadAverage());
        System.out.println();
        System.out.print(BenchReport.table(figures));
        if (json != null) {
            Files.writeString(json, figures.json());
            System.out.println("Figures written to " + json);
        }
        return 0;
    }

    /** One benchmark run: every phase on the same broker and the same race. */
    private final class Run {
        private final Scenario race;
        private final Path workDir;
        private final Machine machine;
        private final Properties clientProps;
        private final String runId = Long.toString(System.currentTimeMillis(), 36);

        Run(final Scenario race, final Path workDir, final Machine machine) {
            this.race = race;
            this.workDir = workDir;
            this.machine = machine;
            this.clientProps = kafka.layered(Map.of());
        }

        BenchFigures.Phases all() throws Exception {
            try (Admin admin = Admin.create(clientProps)) {
                final BenchTopics topics = new BenchTopics(admin);
                final Properties sample = streamsProps("sample");
                final BenchFigures.Settings settings = new BenchFigures.Settings(runners,
                        Integer.parseInt(sample.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG).toString()),
                        Integer.parseInt(sample.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG).toString()),
                        String.valueOf(sample.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)), Topics.RACE_SPLITS.partitions(),
                        appHeap, appWarmupSeconds, appWarmupMaxSeconds);

                // 1. the race on race-splits, as fast as the broker takes it
                topics.recreate(Topics.ALL);
                System.out.printf("Loading a mass race of %,d runners into %s (%s) ...%n", runners,
                        Topics.RACE_SPLITS.name(), kafka.bootstrapServerOrDefault());
                final RaceLoader.Loaded loaded;
                try (KafkaProducer<String, byte[]> producer = producer()) {
                    final RaceLoader loader = new RaceLoader(producer, race);
                    loader.register();
                    loaded = loader.reads(Double.POSITIVE_INFINITY, Long.MAX_VALUE, quiet ? null : "load");
                }
                final long reads = loaded.records();

                // 2. the read ceiling
                final List<Double> ceilings = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    ceilings.add(ReadCeiling.measure(kafka.bootstrapServerOrDefault(), Topics.RACE_SPLITS.name(), reads));
                }
                System.out.printf("Read ceiling (ConsumerPerformance): %s records/s%n", ceilings);

                // 3. the tracker, catching up on the whole race
                final Properties trackerProps = streamsProps("tracker");
                System.out.printf("Tracker (%s) processing %,d reads ...%n", trackerProps.get(StreamsConfig.APPLICATION_ID_CONFIG), reads);
                final Map<String, Writes> trackerWrites;
                final BenchFigures.Tracker tracker;
                try (AppProcess app = AppProcess.start("tracker", trackerProps, List.of(), trackerJvm(), workDir)) {
                    final CpuMeter cpu = new CpuMeter(app.handle(), brokerProcess);
                    final CpuMeter.Reading cpuFrom = cpu.read();
                    final long began = System.nanoTime();
                    final GroupProgress progress = new GroupProgress(admin, trackerProps.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
                    final long splitsDone = progress.awaitTopicDone(Topics.RACE_SPLITS.name(), PHASE_TIMEOUT);
                    final long allDone = progress.awaitAllDone(PHASE_TIMEOUT);
                    final CpuMeter.Figures cpuFigures = CpuMeter.figures(cpuFrom, cpu.read(), reads);
                    final double seconds = (allDone - began) / 1e9;
                    final long allocated = app.allocatedBytes();
                    final BenchFigures.Heap heap = BenchFigures.Heap.of(app.memory());
                    trackerWrites = app.written();
                    tracker = new BenchFigures.Tracker(cpuFigures, round3(seconds), round3((splitsDone - began) / 1e9),
                            round(reads / seconds), heap, BenchFigures.Written.byTopic(trackerWrites, reads, BenchCommand::shortName),
                            recordsPerRead(trackerWrites, reads), bytesPerRead(trackerWrites, reads),
                            BenchFigures.Jvm.of(app.warmupSeconds(), allocated, reads));
                }

                // 4. the engine ceiling: the same writes, no logic, same settings
                final List<PassThroughTopology.Output> outputs = new ArrayList<>();
                final double keyBytes = loaded.records() == 0 ? 0 : averageKeyBytes(race);
                for (final Map.Entry<String, Writes> e : trackerWrites.entrySet()) {
                    final String mirror = topics.mirror(e.getKey(), "mirror-" + runId + "-" + shortName(e.getKey()));
                    final long records = e.getValue().records();
                    final double bytesPerRecord = e.getValue().bytesPerRecord();
                    final int valueBytes = (int) Math.max(0, Math.round(bytesPerRecord - keyBytes - RECORD_OVERHEAD_BYTES));
                    outputs.add(new PassThroughTopology.Output(mirror, records / (double) reads, valueBytes));
                }
                final Properties engineProps = streamsProps("engine");
                System.out.printf("Pass-through (%s) writing %s ...%n", engineProps.get(StreamsConfig.APPLICATION_ID_CONFIG),
                        tracker.writtenRecordsPerRead() + " records per read");
                final BenchFigures.Engine engine;
                try (AppProcess app = AppProcess.start("pass-through", engineProps,
                        outputs.stream().map(PassThroughTopology.Output::spec).toList(), engineJvm(), workDir)) {
                    final CpuMeter cpu = new CpuMeter(app.handle(), brokerProcess);
                    final CpuMeter.Reading cpuFrom = cpu.read();
                    final long began = System.nanoTime();
                    final long done = new GroupProgress(admin, engineProps.getProperty(StreamsConfig.APPLICATION_ID_CONFIG))
                            .awaitTopicDone(Topics.RACE_SPLITS.name(), PHASE_TIMEOUT);
                    final CpuMeter.Figures cpuFigures = CpuMeter.figures(cpuFrom, cpu.read(), reads);
                    final double seconds = (done - began) / 1e9;
                    final long allocated = app.allocatedBytes();
                    final Map<String, Writes> engineWrites = app.written();
                    engine = new BenchFigures.Engine(cpuFigures, round3(seconds), round(reads / seconds),
                            recordsPerRead(engineWrites, reads), bytesPerRead(engineWrites, reads),
                            BenchFigures.Jvm.of(app.warmupSeconds(), allocated, reads));
                }
                final BenchFigures.Comparison comparison = BenchFigures.Comparison.of(machine.cores(), tracker, engine,
                        BenchFigures.ReadCeilingRuns.best(ceilings), GOAL_SHARE_OF_ENGINE_CEILING);

                final BenchFigures.Latency live = noLatency ? null
                        : latency(admin, topics, "live", liveRate, (long) (liveRate * liveSeconds), liveWarmupSeconds);
                final BenchFigures.Latency full = noLatency ? null
                        : latency(admin, topics, "full", Double.POSITIVE_INFINITY, Long.MAX_VALUE, 0);
                return new BenchFigures.Phases(settings, BenchFigures.Load.of(loaded), BenchFigures.ReadCeilingRuns.of(ceilings),
                        tracker, engine, comparison, live, full);
            }
        }

        /** A fresh race on fresh topics, a fresh tracker, reads sent at {@code rate} while it runs. */
        private BenchFigures.Latency latency(final Admin admin, final BenchTopics topics, final String name, final double rate,
                                             final long limit, final int warmupSeconds) throws Exception {
            topics.recreate(Topics.ALL);
            final Properties props = streamsProps("latency-" + name);
            try (AppProcess app = AppProcess.start("tracker", props, List.of(), latencyJvm(name), workDir);
                 KafkaProducer<String, byte[]> producer = producer()) {
                final RaceLoader loader = new RaceLoader(producer, race);
                loader.register();
                // as on race day, the field is registered and taken in before the first read
                new GroupProgress(admin, props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG))
                        .awaitTopicDone(Topics.RACE_ATHLETES.name(), PHASE_TIMEOUT);
                final long from = System.currentTimeMillis() + warmupSeconds * 1000L;
                try (LatencyProbe probe = new LatencyProbe(clientProps, from)) {
                    final String label = Double.isInfinite(rate) ? "full speed" : String.format("live %.0f/s", rate);
                    final RaceLoader.Loaded sent = loader.reads(rate, limit, quiet ? null : label);
                    new GroupProgress(admin, props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG))
                            .awaitTopicDone(Topics.RACE_SPLITS.name(), PHASE_TIMEOUT);
                    probe.awaitQuiet(Duration.ofSeconds(2), Duration.ofMinutes(1));
                    final Histogram h = probe.finish();
                    return new BenchFigures.Latency(sent.records(), round(sent.recordsPerSecond()), h.getTotalCount(),
                            h.getValueAtPercentile(50), h.getValueAtPercentile(95), h.getValueAtPercentile(99), h.getMaxValue(),
                            probe.windows());
                }
            }
        }

        /** A producer with the race-day settings, fresh for each phase (topics are recreated in between). */
        private KafkaProducer<String, byte[]> producer() {
            return new KafkaProducer<>(ProducerSettings.of(kafka.bootstrapServerOrDefault(), KafkaOptions.asMap(clientProps)));
        }

        /** The tracker's own settings, a fresh application id and state directory per phase. */
        private Properties streamsProps(final String phase) {
            final Properties props = kafka.layered(StreamsSettings.defaults(kafka.bootstrapServerOrDefault()));
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID_PREFIX + runId + "-" + phase);
            props.put(StreamsConfig.STATE_DIR_CONFIG, workDir.resolve("state-" + phase).toString());
            return props;
        }

        private List<String> baseJvm() {
            return List.of("-Xmx" + appHeap, "-XX:+UseG1GC");
        }

        private List<String> trackerJvm() {
            final List<String> options = new ArrayList<>(profile == null ? baseJvm() : recording(profile));
            options.add("-D" + BenchApp.WARMUP_SECONDS + "=" + appWarmupSeconds);
            options.add("-D" + BenchApp.WARMUP_MAX_SECONDS + "=" + appWarmupMaxSeconds);
            return options;
        }

        private List<String> engineJvm() {
            final List<String> options = new ArrayList<>(baseJvm());
            options.add("-D" + BenchApp.WARMUP_SECONDS + "=" + appWarmupSeconds);
            options.add("-D" + BenchApp.WARMUP_MAX_SECONDS + "=" + appWarmupMaxSeconds);
            return options;
        }

        /** The live run is recorded too, beside the throughput run's file: where its latency tails come from. */
        private List<String> latencyJvm(final String run) {
            if (profile == null || !"live".equals(run)) {
                return baseJvm();
            }
            final String name = profile.getFileName().toString().replaceFirst("\\.jfr$", "");
            return recording(profile.toAbsolutePath().resolveSibling(name + "-live.jfr"));
        }

        private List<String> recording(final Path file) {
            final List<String> options = new ArrayList<>(baseJvm());
            options.add("-XX:StartFlightRecording=filename=" + file.toAbsolutePath() + ",settings=profile");
            // deep enough that a sample of a stream thread reaches the tracker's own code through Kafka Streams' frames
            options.add("-XX:FlightRecorderOptions=stackdepth=256");
            return options;
        }
    }

    /** A record's framing in a v2 batch (length, attributes, deltas, key and value lengths, header count). */
    private static final int RECORD_OVERHEAD_BYTES = 10;

    private static double averageKeyBytes(final Scenario race) {
        return race.athletes().stream().mapToInt(a -> a.athleteId().length()).average().orElse(0);
    }

    /** A changelog or repartition topic named after its store, without the application id. */
    private static String shortName(final String topic) {
        final int at = topic.indexOf("-", topic.startsWith(APP_ID_PREFIX) ? APP_ID_PREFIX.length() : 0);
        if (topic.startsWith(APP_ID_PREFIX) && at > 0) {
            final String rest = topic.substring(at + 1);
            final int phase = rest.indexOf('-');
            return phase > 0 ? rest.substring(phase + 1) : rest;
        }
        return topic;
    }

    private static double recordsPerRead(final Map<String, Writes> writes, final long reads) {
        return round3(total(writes).records() / (double) reads);
    }

    private static double bytesPerRead(final Map<String, Writes> writes, final long reads) {
        return round(total(writes).bytes() / (double) reads);
    }

    private static Writes total(final Map<String, Writes> writes) {
        return writes.values().stream().reduce(Writes.NONE, Writes::plus);
    }

    private static void deleteRecursively(final Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
