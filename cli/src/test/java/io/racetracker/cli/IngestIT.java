package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.Sex;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.event.TimingPoint;
import io.racetracker.core.event.Units;
import io.racetracker.core.event.Wave;
import io.racetracker.core.topic.Topic;
import io.racetracker.core.topic.TopicAdmin;
import io.racetracker.core.topic.Topics;
import io.racetracker.testing.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest} as a user runs it, against a real broker: a passings file with good and bad lines, an interrupted
 * run and its restart, and a followed file that grows and is rotated.
 */
class IngestIT {
    private static final String RACE = "it-10k";
    private static final Instant WAVE_A = Instant.parse("2026-11-29T08:00:00Z");
    private static final Duration RUN = Duration.ofMinutes(2);

    private static final String PASSINGS = String.join("\n",
            "chip,timing_point,time",                 // 1
            "1,START,09:00:10",                       // 2  athlete 1's own start
            "2,START,09:00:12",                       // 3
            "1,5K,09:20:00",                          // 4  read
            "1,5K,09:20:01.5",                        // 5  the same crossing read again
            "99999,5K,09:21:00",                      // 6  UNKNOWN_CHIP
            "2,7K,09:22:00",                          // 7  UNKNOWN_TIMING_POINT
            "500,5K,09:10:00",                        // 8  BEFORE_START: wave B starts at 09:15
            "2;5K;;garbled",                          // 9  MALFORMED_LINE
            "2,5K,09:23:00",                          // 10 read
            "C9,FINISH,2026-11-29T08:50:00Z",         // 11 read of a chip that is not a bib
            "1,FINISH,09:40:00") + "\n";              // 12 read

    @Test
    void everyGoodReadExactlyOnceAcrossRestartsFollowingGrowthAndRotation(@TempDir final Path dir) throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir)) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrap))) {
                TopicAdmin.ensureTopics(admin, Topics.ALL, (short) 1, Duration.ofSeconds(60));
            }
            publishRace(cluster.bootstrap);
            final Path race = dir.resolve("race.yaml");
            Files.writeString(race, "raceId: " + RACE + "\nname: IT 10K\ntimeZone: Europe/Vienna\ndate: 2026-11-29\n"
                    + "distanceM: 10000\ntarget: \"0:45:00\"\nwaves:\n"
                    + "  - {id: A, start: \"09:00:00\", bibs: \"1-499\"}\n  - {id: B, start: \"09:15:00\", bibs: \"500-999\"}\n"
                    + "timingPoints:\n"
                    + "  - {id: START, distanceM: 0}\n  - {id: 5K, distanceM: 5000}\n  - {id: FINISH, distanceM: 10000}\n");

            // user errors: one clear line, no stack trace
            try (Launcher missing = cluster.start("ingest", race.toString(), dir.resolve("nope.csv").toString(),
                    "--bootstrap-server", cluster.bootstrap)) {
                assertEquals(1, missing.awaitExit(RUN), missing.output());
                assertTrue(missing.output().contains("passings file") && missing.output().contains("does not exist"),
                        missing.output());
                assertFalse(missing.output().contains("Exception"), missing.output());
            }
            final Path unknownRace = dir.resolve("unknown.yaml");
            Files.writeString(unknownRace, "raceId: no-such-race\ntimeZone: Mars/Olympus\n");
            final Path passings = dir.resolve("passings.csv");
            Files.writeString(passings, PASSINGS, StandardCharsets.UTF_8);
            try (Launcher unknown = cluster.start("ingest", unknownRace.toString(), passings.toString(),
                    "--bootstrap-server", cluster.bootstrap)) {
                assertEquals(1, unknown.awaitExit(RUN), unknown.output());
                assertTrue(unknown.output().contains("unknown.yaml:2: field 'timeZone'")
                        && unknown.output().contains("field 'distanceM': missing"), unknown.output());
                assertFalse(unknown.output().contains("Exception"), unknown.output());
            }

            // stopped after 6 lines, then run to the end, then again: each read once
            ingest(cluster, race, passings, "--max-lines", "6", "--batch-lines", "2");
            assertEquals(2, splits(cluster.bootstrap).size(), "lines 4 and 5 sent before the stop");
            final String second = ingest(cluster, race, passings);
            assertTrue(second.contains("lines 1-6 were sent before"), second);
            final String third = ingest(cluster, race, passings);
            assertTrue(third.contains("Done: 0 lines taken (12 sent before)"), third);

            final List<SplitEvent> reads = splits(cluster.bootstrap);
            assertEquals(List.of("a1 5K 08:20:00Z", "a1 5K 08:20:01.500Z", "a1 FINISH 08:40:00Z", "a2 5K 08:23:00Z",
                    "a9 FINISH 08:50:00Z"), reads.stream().map(IngestIT::describe).sorted().toList(),
                    "every good read once, the repeated read of line 5 included");
            final SplitEvent first = reads.stream().filter(r -> r.athleteId().equals("a1")).findFirst().orElseThrow();
            assertEquals(1_190_000L, first.elapsedMs(), "chip time from athlete 1's own start");
            assertEquals(1_200_000L, first.gunElapsedMs(), "gun time from wave A");

            final Map<Long, DeadLetter.Reason> letters = deadLetters(cluster.bootstrap, "passings:passings.csv").stream()
                    .collect(Collectors.toMap(DeadLetter::offset, DeadLetter::code));
            assertEquals(Map.of(6L, DeadLetter.Reason.UNKNOWN_CHIP, 7L, DeadLetter.Reason.UNKNOWN_TIMING_POINT,
                    8L, DeadLetter.Reason.BEFORE_START, 9L, DeadLetter.Reason.MALFORMED_LINE), letters);
            final DeadLetter garbled = deadLetters(cluster.bootstrap, "passings:passings.csv").stream()
                    .filter(l -> l.offset() == 9).findFirst().orElseThrow();
            assertEquals("2;5K;;garbled", garbled.valueText());

            // followed: growth, a partial line, a late registration and a rotation
            final Path live = dir.resolve("live.csv");
            Files.writeString(live, "chip,timing_point,time\n2,FINISH,09:45:00\n");
            try (Launcher follow = cluster.start("ingest", race.toString(), live.toString(), "--follow",
                    "--poll-ms", "100", "--bootstrap-server", cluster.bootstrap)) {
                follow.awaitOutput(out -> out.contains("Following"), RUN);
                awaitSplits(cluster.bootstrap, 6);
                append(live, "500,5K,09:40:00\n500,FINISH,10:0");
                awaitSplits(cluster.bootstrap, 7);
                append(live, "5:00\n");
                final List<SplitEvent> joined = awaitSplits(cluster.bootstrap, 8);
                assertTrue(joined.stream().anyMatch(r -> r.athleteId().equals("a500")
                        && r.readAt().equals(Instant.parse("2026-11-29T09:05:00Z"))), "the partial line completed");

                register(cluster.bootstrap, new Athlete("a3", RACE, "3", "Late Entry", "AUT", Sex.F, null, 40, null,
                        false));
                follow.awaitOutput(out -> out.contains("(5 entrants)"), RUN);
                Files.move(live, dir.resolve("live.csv.1"));
                Files.writeString(live, "chip;timing_point;time\n3;5K;09:25:00\n");
                final List<SplitEvent> rotated = awaitSplits(cluster.bootstrap, 9);
                assertTrue(rotated.stream().anyMatch(r -> r.athleteId().equals("a3")), rotated.toString());
                follow.close();
                assertTrue(follow.output().contains("was rotated"), follow.output());
                assertTrue(follow.output().contains("Done: 6 lines taken (0 sent before), 4 reads sent"), follow.output());
            }
            assertEquals(List.of(), deadLetters(cluster.bootstrap, "passings:live.csv"));
            final List<SplitEvent> all = splits(cluster.bootstrap);
            assertEquals(9, all.size(), all.toString());
            assertEquals(9, all.stream().map(IngestIT::describe).collect(Collectors.toSet()).size(), "none doubled");
        }
    }

    private static String describe(final SplitEvent split) {
        return split.athleteId() + " " + split.timingPointId() + " " + split.readAt().toString().substring(11);
    }

    private static String ingest(final LocalCluster cluster, final Path race, final Path passings,
                                 final String... extra) throws Exception {
        final List<String> args = new ArrayList<>(List.of("ingest", race.toString(), passings.toString(),
                "--bootstrap-server", cluster.bootstrap));
        args.addAll(List.of(extra));
        try (Launcher ingest = cluster.start(args.toArray(new String[0]))) {
            assertEquals(0, ingest.awaitExit(RUN), ingest.output());
            return ingest.output();
        }
    }

    private static void append(final Path file, final String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static void publishRace(final String bootstrap) throws Exception {
        final Course course = new Course(RACE, "IT 10K", 10_000, null, WAVE_A, 2_700_000L,
                List.of(new TimingPoint("5K", null, 5_000, null), new TimingPoint("FINISH", null, 10_000, null)))
                .withLocale("Europe/Vienna", Units.KM, List.of(new Wave("A", WAVE_A, "1-499"),
                        new Wave("B", Instant.parse("2026-11-29T08:15:00Z"), "500-999")));
        send(bootstrap, Topics.RACE_COURSES, RACE, course);
        register(bootstrap, new Athlete("a1", RACE, "1", "Anna One", "AUT", Sex.F, null, 30, null, false));
        register(bootstrap, new Athlete("a2", RACE, "2", "Ben Two", "GER", Sex.M, null, 35, null, false));
        register(bootstrap, new Athlete("a500", RACE, "500", "Wave B", "AUT", Sex.M, null, 50, null, false));
        register(bootstrap, new Athlete("a9", RACE, "9", "Chip Nine", "ITA", Sex.F, null, 28, null, false, "C9", null));
    }

    private static void register(final String bootstrap, final Athlete athlete) throws Exception {
        send(bootstrap, Topics.RACE_ATHLETES, athlete.key(), athlete);
    }

    private static <V> void send(final String bootstrap, final Topic<V> topic, final String key, final V value)
            throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().serialize(topic.name(), value)))
                    .get();
        }
    }

    private static List<SplitEvent> awaitSplits(final String bootstrap, final int count) {
        return Await.until(() -> splits(bootstrap), s -> s.size() >= count, RUN,
                s -> "expected " + count + " reads on race-splits, found " + s);
    }

    private static List<SplitEvent> splits(final String bootstrap) {
        return read(bootstrap, Topics.RACE_SPLITS).stream().filter(s -> s.raceId().equals(RACE)).toList();
    }

    private static List<DeadLetter> deadLetters(final String bootstrap, final String source) {
        return read(bootstrap, Topics.RACE_DEAD_LETTERS).stream().filter(l -> source.equals(l.sourceTopic())).toList();
    }

    /** Everything committed on the topic now, read_committed, in offset order per partition. */
    private static <V> List<V> read(final String bootstrap, final Topic<V> topic) {
        final List<V> values = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "isolation.level", "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            final Set<TopicPartition> open = new HashSet<>(partitions);
            while (!open.isEmpty()) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> values.add(
                        topic.valueSerde().deserialize(r.topic(), r.value())));
                open.removeIf(p -> consumer.position(p) >= end.get(p));
            }
        }
        return values;
    }
}
