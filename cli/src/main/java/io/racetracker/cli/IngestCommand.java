package io.racetracker.cli;

import io.racetracker.cli.ingest.LineFollower;
import io.racetracker.cli.ingest.TopicToEnd;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.IngestPosition;
import io.racetracker.core.event.TimingPoint;
import io.racetracker.core.passings.Outcome;
import io.racetracker.core.passings.PassingsReader;
import io.racetracker.core.passings.PassingsTranslator;
import io.racetracker.core.passings.RaceDay;
import io.racetracker.core.racefile.RaceFile;
import io.racetracker.core.racefile.RaceFileReader;
import io.racetracker.core.topic.Keys;
import io.racetracker.core.topic.Topics;
import io.racetracker.producer.ProducerSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ProducerFencedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Send a timing system's passings file to the tracker: each chip read becomes a read on"
                + " race-splits, each line that gives none a dead letter on race-dead-letters with its reason.",
            "Formats: a CSV with the header chip,timing_point,time (any order and case, optional reader and seq,"
                + " ',' or ';'), or RACE RESULT decoder passing records (PassingNo;Bib;Date;Time;...), told from the"
                + " first line. Times of day are in the race's time zone on its date.",
            "A read at the start mat sets its athlete's own start (chip time); without one, chip time counts from"
                + " the athlete's wave.",
            "Every batch of lines is sent in one Kafka transaction with the position reached"
                + " (race-ingest-positions): run it again, or after a crash, and it goes on after the last line sent,"
                + " nothing doubled, nothing missed. A second ingest of the same file fences the first.",
            "Entrants are read from race-athletes (and, with --follow, taken up as they register)."})
final class IngestCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Parameters(index = "0", paramLabel = "RACE.yaml",
            description = "The race file (required). Its raceId names the race, whose course is read from"
                    + " race-courses; a timing point at 0 m is the start mat.")
    Path raceFile;

    @Parameters(index = "1", paramLabel = "PASSINGS", description = "The timing system's passings file.")
    Path passingsFile;

    @Option(names = "--follow", description = "Keep reading as the timing system appends (like tail -F, rotation"
            + " included) until Ctrl-C.")
    boolean follow;

    @Option(names = "--timing-point", paramLabel = "ID",
            description = "The mat of lines that name none (a RACE RESULT decoder's records name only their box).")
    String timingPoint;

    @Option(names = "--reader", paramLabel = "NAME=TIMING_POINT",
            description = "The mat a reader, decoder box name or box id serves. Repeatable.")
    Map<String, String> readers = new LinkedHashMap<>();

    @Option(names = "--progress-seconds", paramLabel = "N", defaultValue = "10",
            description = "Print progress every N seconds (default ${DEFAULT-VALUE}).")
    int progressSeconds;

    @Option(names = "--quiet", description = "No progress lines; only what was sent and the summary.")
    boolean quiet;

    @Option(names = "--poll-ms", hidden = true, defaultValue = "250")
    long pollMs;

    @Option(names = "--batch-lines", hidden = true, defaultValue = "500")
    int batchLines;

    /** Testing: stop after this many new lines, as an interrupted run would. */
    @Option(names = "--max-lines", hidden = true)
    Long maxLines;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    private Producer<String, byte[]> producer;
    private String raceId;
    private PassingsTranslator translator;
    private LineFollower file;
    private PassingsReader reader;
    private Map<String, IngestPosition> positions;
    private long resumeAfter;
    private boolean inTransaction;
    private int linesInTransaction;
    private IngestPosition reached;

    private long linesTaken;
    private long alreadyIngested;
    private long readsSent;
    private long repeats;
    private long starts;
    private final Map<DeadLetter.Reason, Long> rejected = new EnumMap<>(DeadLetter.Reason.class);

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(passingsFile)) {
            throw new IllegalArgumentException("passings file " + passingsFile + " does not exist");
        }
        final RaceFile file = RaceFileReader.read(raceFile);
        raceId = file.raceId();
        final RaceDay race = RaceDay.of(file.course(), file.date(), file.timingPoints().stream()
                .filter(RaceFile::isStart).map(TimingPoint::id).findFirst().orElse(null));
        final Properties props = kafka.layered(Map.of());
        TopicSetup.ensure(props);
        final Thread hook = new Thread(this::stopAndWait, "ingest-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (TopicToEnd athletes = new TopicToEnd(props, Topics.RACE_ATHLETES.name())) {
            translator = new PassingsTranslator(race, List.of());
            athletes.readToEnd(this::register, Duration.ofSeconds(60));
            producer = new KafkaProducer<>(producerProps(props));
            try {
                producer.initTransactions();
                positions = readPositions(props);
                ingest(race, athletes);
            } finally {
                producer.close(Duration.ofSeconds(10));
            }
            return 0;
        } catch (final ProducerFencedException e) {
            throw new IllegalStateException("another ingest of " + passingsFile + " for " + raceId + " took over"
                    + " (same file, same race); this one stops");
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (final IllegalStateException shuttingDown) {
                // the hook is running: it waited for this
            }
        }
    }

    private void stopAndWait() {
        stopRequested.countDown();
        try {
            finished.await(30, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, Object> producerProps(final Properties props) {
        final Map<String, String> overrides = new LinkedHashMap<>(KafkaOptions.asMap(props));
        overrides.putIfAbsent(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId());
        overrides.put(ProducerConfig.CLIENT_ID_CONFIG, "race-tracker-ingest");
        final Map<String, Object> map = new HashMap<>();
        ProducerSettings.of(kafka.bootstrapServerOrDefault(), overrides).forEach((k, v) -> map.put((String) k, v));
        return map;
    }

    /** One per race and file path: a second ingest of the same file fences the first. */
    private String transactionalId() {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    passingsFile.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return "race-tracker-ingest-" + raceId + "-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, IngestPosition> readPositions(final Properties props) {
        final Map<String, IngestPosition> found = new HashMap<>();
        try (TopicToEnd topic = new TopicToEnd(props, Topics.RACE_INGEST_POSITIONS.name())) {
            topic.readToEnd(record -> {
                if (record.value() == null) {
                    found.remove(record.key());
                } else {
                    try {
                        found.put(record.key(), Topics.RACE_INGEST_POSITIONS.valueSerde()
                                .deserialize(record.topic(), record.value()));
                    } catch (final RuntimeException unreadable) {
                        // not a position this command wrote: no concern of this file
                    }
                }
            }, Duration.ofSeconds(60));
        }
        return found;
    }

    private void register(final org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || record.value() == null || !Keys.inRace(record.key(), raceId)) {
            return;
        }
        try {
            translator.register(Topics.RACE_ATHLETES.valueSerde().deserialize(record.topic(), record.value()));
        } catch (final RuntimeException unreadable) {
            // the streams app dead-letters unreadable registrations
        }
    }

    private void ingest(final RaceDay race, final TopicToEnd athletes) throws IOException, InterruptedException {
        file = LineFollower.open(passingsFile);
        startFile();
        System.out.printf(Locale.ROOT, "Ingesting %s for %s (%s, %,d entrants)%s%n", passingsFile, raceId,
                race.date(), translator.entrants(), resumeAfter > 0 ? "; lines 1-" + resumeAfter
                        + " were sent before, going on after them" : "");
        long nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(progressSeconds);
        boolean announced = false;
        long linesAtProgress = 0;
        try {
            while (stopRequested.getCount() > 0) {
                final List<LineFollower.Line> lines = file.poll(!follow);
                for (final LineFollower.Line line : lines) {
                    take(line);
                    if (maxLines != null && linesTaken >= maxLines) {
                        commit();
                        System.out.println("Stopped after " + linesTaken + " lines (--max-lines).");
                        return;
                    }
                }
                if (!quiet && System.nanoTime() > nextProgress && linesTaken != linesAtProgress) {
                    progress();
                    linesAtProgress = linesTaken;
                    nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(progressSeconds);
                }
                if (follow) {
                    final int entrantsBefore = translator.entrants();
                    athletes.pollNow(this::register);
                    if (translator.entrants() != entrantsBefore) {
                        System.out.printf(Locale.ROOT, "Took up %,d new registrations (%,d entrants)%n",
                                translator.entrants() - entrantsBefore, translator.entrants());
                    }
                }
                if (!lines.isEmpty()) {
                    continue;
                }
                commit();
                if (!follow) {
                    break;
                }
                if (!announced) {
                    System.out.println("Following " + passingsFile + " for new lines (Ctrl-C to stop).");
                    announced = true;
                }
                if (file.rotated()) {
                    for (final LineFollower.Line line : file.poll(true)) {
                        take(line);
                    }
                    commit();
                    System.out.printf(Locale.ROOT, "%s was rotated after %,d lines; reading the new file from its"
                            + " start%n", passingsFile, file.lines());
                    file.reopen();
                    startFile();
                    continue;
                }
                stopRequested.await(pollMs, TimeUnit.MILLISECONDS);
            }
        } finally {
            if (inTransaction && stopRequested.getCount() == 0) {
                commit();
            }
            if (!inTransaction) {
                summary();
            }
            file.close();
        }
    }

    private void startFile() {
        reader = new PassingsReader(new PassingsReader.Options(timingPoint, readers));
        final IngestPosition before = positions.get(IngestPosition.key(raceId, file.fileName(), file.fileKey()));
        resumeAfter = before == null ? 0 : before.line();
        try {
            if (before != null && before.byteOffset() > Files.size(passingsFile)) {
                System.out.printf(Locale.ROOT, "%s is shorter than the %,d bytes sent before: it was written anew;"
                        + " reading it from its start%n", passingsFile, before.byteOffset());
                resumeAfter = 0;
            }
        } catch (final IOException e) {
            // the size is checked again as the file is read
        }
        reached = before;
    }

    private void take(final LineFollower.Line line) {
        final Outcome outcome = translator.translate(reader.read(line.number(), line.text()));
        if (line.number() <= resumeAfter) {
            alreadyIngested++;
            return;
        }
        if (!inTransaction) {
            producer.beginTransaction();
            inTransaction = true;
        }
        if (outcome instanceof Outcome.Read read) {
            producer.send(new ProducerRecord<>(Topics.RACE_SPLITS.name(), read.split().key(),
                    Topics.RACE_SPLITS.valueSerde().serialize(Topics.RACE_SPLITS.name(), read.split())));
            readsSent++;
            repeats += read.repeat() ? 1 : 0;
        } else if (outcome instanceof Outcome.Rejected rejection) {
            final String key = rejection.athleteId() != null ? Keys.athlete(raceId, rejection.athleteId()) : raceId;
            final DeadLetter letter = DeadLetter.of(rejection.code(), rejection.message(),
                    "passings:" + file.fileName(), 0, line.number(), key, line.bytes(), raceId, rejection.athleteId());
            producer.send(new ProducerRecord<>(Topics.RACE_DEAD_LETTERS.name(), key,
                    Topics.RACE_DEAD_LETTERS.valueSerde().serialize(Topics.RACE_DEAD_LETTERS.name(), letter)));
            rejected.merge(rejection.code(), 1L, Long::sum);
        } else if (outcome instanceof Outcome.Start) {
            starts++;
        }
        linesTaken++;
        linesInTransaction++;
        reached = new IngestPosition(raceId, file.fileName(), file.fileKey(), line.number(), line.endOffset(),
                Instant.now());
        if (linesInTransaction >= batchLines) {
            commit();
        }
    }

    private void commit() {
        if (!inTransaction) {
            return;
        }
        producer.send(new ProducerRecord<>(Topics.RACE_INGEST_POSITIONS.name(), reached.key(),
                Topics.RACE_INGEST_POSITIONS.valueSerde().serialize(Topics.RACE_INGEST_POSITIONS.name(), reached)));
        producer.commitTransaction();
        inTransaction = false;
        linesInTransaction = 0;
    }

    private long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    private void progress() {
        System.out.printf(Locale.ROOT, "%s: %,d lines, %,d reads sent (%,d repeated), %,d rejected, %,d starts%n",
                file.fileName(), linesTaken, readsSent, repeats, rejectedTotal(), starts);
    }

    private void summary() {
        final String reasons = rejected.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        System.out.printf(Locale.ROOT, "Done: %,d lines taken (%,d sent before), %,d reads sent to %s (%,d repeated"
                        + " reads of one crossing), %,d starts, %,d rejected to %s%s%n", linesTaken, alreadyIngested,
                readsSent, Topics.RACE_SPLITS.name(), repeats, starts, rejectedTotal(), Topics.RACE_DEAD_LETTERS.name(),
                reasons.isEmpty() ? "" : " (" + reasons + ")");
    }
}
