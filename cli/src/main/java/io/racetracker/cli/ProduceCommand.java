package io.racetracker.cli;

import io.racetracker.producer.ProducerSettings;
import io.racetracker.producer.RaceReplayer;
import io.racetracker.producer.scenario.Scenario;
import io.racetracker.producer.scenario.Scenarios;
import io.racetracker.producer.wire.WireFaults;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "produce", mixinStandardHelpOptions = true,
        description = {"Replay a race onto race-courses, race-athletes and race-splits.",
            "Idempotent, acks=all: a read is never lost or doubled by a retry.",
            "Timing-mat faults default to none for vienna-2019, monza-2017 and london-2023, and to the rates of real"
                + " races for mass; each fault flag overrides its own rate only."})
final class ProduceCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Mixin
    GuaranteeFlags guarantees;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--scenario", paramLabel = "NAME", required = true,
                description = "The race to stage: ${COMPLETION-CANDIDATES}.", completionCandidates = ScenarioNames.class)
        String scenario;

        @Option(names = "--results", paramLabel = "FILE", required = true,
                description = "A results file to replay, one runner a row (see --format).")
        Path results;
    }

    @Option(names = "--format", paramLabel = "boston|majors",
            description = "Format of --results: boston (CSV, H:MM:SS) or majors (PSV, seconds).")
    String format;

    @Option(names = "--runners", paramLabel = "N", defaultValue = "1000",
            description = "Mass runners for mass and london-2023 (default ${DEFAULT-VALUE}, up to 1,000,000).")
    int runners;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of every random draw: same seed, same race on the wire (default ${DEFAULT-VALUE}).")
    long seed;

    @ArgGroup(exclusive = true)
    Pace pace = new Pace();

    static final class Pace {
        @Option(names = "--speed", paramLabel = "X", description = "Replay at X times real time (default 1).")
        double speed = 1;

        @Option(names = "--max-rate", description = "Send as fast as the broker takes it.")
        boolean maxRate;

        double effective() {
            return maxRate ? Double.POSITIVE_INFINITY : speed;
        }
    }

    @Option(names = "--missed-reads", paramLabel = "RATE",
            description = "Share of reads the mats miss (never sent); the finish mat never misses.")
    Double missedReads;

    @Option(names = "--duplicate-reads", paramLabel = "RATE",
            description = "Share of crossings also sent once or twice more, a few tenths of a second later.")
    Double duplicateReads;

    @Option(names = "--late-reads", paramLabel = "RATE", description = "Share of reads delivered late, out of order.")
    Double lateReads;

    @Option(names = "--late-max-ms", paramLabel = "MS", description = "Longest delay of a late read (race time).")
    Long lateMaxMs;

    @Option(names = "--clock-offset-ms", paramLabel = "MAX",
            description = "Each mat's clock is off by a fixed amount within +/- MAX ms.")
    Long clockOffsetMs;

    @Option(names = "--malformed", paramLabel = "RATE",
            description = "Testing only: broken records per read (bad JSON, wrong types, missing fields, non-UTF-8).")
    Double malformed;

    @Option(names = "--quiet", description = "No progress bar or progress lines; only the summary.")
    boolean quiet;

    static final class ScenarioNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Scenarios.names().iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!(pace.effective() > 0)) {
            throw new IllegalArgumentException("--speed must be > 0, got " + pace.speed);
        }
        guarantees.check(kafka.layered(Map.of()));
        final Scenario race = scenario();
        final WireFaults faults = faults(race.defaultFaults());
        final Map<String, String> props = KafkaOptions.asMap(kafka.layered(Map.of()));
        try (Closer closer = Closer.withShutdownHook()) {
            TopicSetup.ensure(kafka.layered(Map.of()));
            final Producer<String, byte[]> producer = closer.register(new KafkaProducer<>(
                    ProducerSettings.of(kafka.bootstrapServerOrDefault(), props)));
            System.out.printf(Locale.ROOT, "Replaying %s (%,d athletes, %,d reads) to %s at %s; mats: %s%n",
                    race.name(), race.athletes().size(), race.readCount(), kafka.bootstrapServerOrDefault(),
                    pace.maxRate ? "maximum rate" : pace.speed + "x real time", describe(faults));
            final RaceReplayer.Summary summary;
            try (Progress progress = Progress.start("race-splits", race.readCount(), "records", quiet)) {
                summary = new RaceReplayer(producer).replay(race, faults, pace.effective(),
                        (sent, latest) -> progress.stepTo(sent));
            }
            System.out.println("Sent " + summary.describe());
            return 0;
        }
    }

    private Scenario scenario() throws IOException {
        if (source.scenario != null) {
            if (format != null) {
                throw new IllegalArgumentException("--format goes with --results, not --scenario");
            }
            return Scenarios.byName(source.scenario, new Scenarios.Options(runners, seed));
        }
        return ResultsSource.scenario(source.results, format);
    }

    WireFaults faults(final WireFaults defaults) {
        final double late = lateReads != null ? lateReads : defaults.lateRate();
        final long lateMax = lateMaxMs != null ? lateMaxMs : defaults.maxLateMs() > 0 ? defaults.maxLateMs() : 30_000;
        return new WireFaults(
                missedReads != null ? missedReads : defaults.missedRate(),
                duplicateReads != null ? duplicateReads : defaults.duplicateRate(),
                late, late > 0 ? lateMax : defaults.maxLateMs(),
                clockOffsetMs != null ? clockOffsetMs : defaults.clockOffsetMaxMs(),
                malformed != null ? malformed : defaults.malformedRate(),
                seed);
    }

    static String describe(final WireFaults f) {
        if (f.none()) {
            return "perfect";
        }
        return String.format(Locale.ROOT, "missed %.2f%%, duplicates %.1f%%, late %.1f%% (up to %d s),"
                        + " clock offsets up to %d ms, malformed %.2f%%", f.missedRate() * 100, f.duplicateRate() * 100,
                f.lateRate() * 100, f.maxLateMs() / 1000, f.clockOffsetMaxMs(), f.malformedRate() * 100);
    }
}
