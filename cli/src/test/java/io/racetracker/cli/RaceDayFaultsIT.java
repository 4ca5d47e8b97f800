package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.DeadLetter.Reason;
import io.racetracker.core.event.Leaderboard;
import io.racetracker.core.event.RaceAlert;
import io.racetracker.core.event.RaceResult;
import io.racetracker.core.event.Sex;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.race.RaceTime;
import io.racetracker.core.topic.Keys;
import io.racetracker.core.topic.Topics;
import io.racetracker.producer.ProducerSettings;
import io.racetracker.testing.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A race day's faults on a real broker, against the streams app as its users run it: none may stop a partition,
 * make the field silent, end a race or cost an athlete their result, and an operator's corrections carry through.
 * Every athlete here lives in the same race, so on the same few partitions as the faults.
 */
class RaceDayFaultsIT {
    private static final String RACE = "faults-10k";
    private static final Instant GUN = Instant.parse("2026-06-07T07:00:00Z");
    private static final String RACE_YAML = "raceId: " + RACE + "\nname: Faults 10K\ntimeZone: Europe/Berlin\n"
            + "date: 2026-06-07\ndistanceM: 10000\ntarget: \"0:45:00\"\nstart: \"09:00:00\"\ntimingPoints:\n"
            + "  - {id: 2K, distanceM: 2000}\n  - {id: 4K, distanceM: 4000}\n  - {id: 6K, distanceM: 6000}\n"
            + "  - {id: 8K, distanceM: 8000}\n  - {id: FINISH, distanceM: 10000}\n";

    @Test
    void noSingleRecordClockOrReadStopsTheRaceAndCorrectionsCarryThrough(@TempDir final Path dir) throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir)) {
            final Launcher streams = cluster.startStreams();
            final Path race = dir.resolve("race.yaml");
            Files.writeString(race, RACE_YAML);
            final Path entrants = dir.resolve("entrants.csv");
            Files.writeString(entrants, "bib,name,sex,age\n1,Ada One,F,30\n2,Bo Two,M,40\n3,Cy Three,M,35\n"
                    + "4,Di Four,F,28\n5,Ed Five,M,50\n");
            assertEquals(0, cluster.start("race", race.toString(), "--entrants", entrants.toString(),
                    "--bootstrap-server", cluster.bootstrap).awaitExit(Duration.ofMinutes(1)));

            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(ProducerSettings.of(cluster.bootstrap, Map.of()))) {
                // one oversized read on the race's partitions: dead-lettered, and everything after it still processed
                final byte[] huge = new byte[900 * 1024];
                Arrays.fill(huge, (byte) 'x');
                producer.send(new ProducerRecord<>(Topics.RACE_SPLITS.name(), Keys.athlete(RACE, "1"), huge)).get();
                for (final String id : List.of("1", "2", "3", "4", "5")) {
                    send(producer, read(id, "2K", "0:08:00"));
                    send(producer, read(id, "4K", "0:16:00"));
                }
                // the 6K mat's clock is a day ahead for Ada: her split counts, the field's clock does not jump
                send(producer, dated(read("1", "6K", "0:24:00"), Duration.ofDays(1)));
                // Bo's 6K read is an hour late: once his 8K read contradicts it, it is taken back
                send(producer, read("2", "6K", "1:24:00"));
                send(producer, read("2", "8K", "0:32:00"));
                // a registration keyed for Cy but naming Di: rejected, Cy's registration stands
                producer.send(new ProducerRecord<>(Topics.RACE_ATHLETES.name(), Keys.athlete(RACE, "3"),
                        Topics.RACE_ATHLETES.valueSerde().serialize("", new Athlete("4", RACE, "4", "Di Four", null,
                                Sex.F, null, 28, null, false)))).get();
                // Fay's reads come before her late registration, which is slightly off (age 4): none is lost
                send(producer, read("6", "2K", "0:09:00"));
                send(producer, read("6", "4K", "0:18:00"));
                producer.send(new ProducerRecord<>(Topics.RACE_ATHLETES.name(), Keys.athlete(RACE, "6"), utf8(
                        "{\"athleteId\":\"6\",\"raceId\":\"" + RACE + "\",\"bib\":\"6\",\"name\":\"Fay Six\",\"sex\":\"female\","
                                + "\"age\":4}"))).get();
                for (final String id : List.of("1", "2", "3", "4", "6")) {
                    send(producer, read(id, "FINISH", id.equals("6") ? "0:46:00" : "0:4" + id + ":00"));
                }
                // Ed's finish was missed by the mat; he ran on to 8K
                send(producer, read("5", "8K", "0:34:00"));
                // free text without bounds: a name of 10,000 characters, and 100 made-up categories
                final String longName = "Gus " + "Seven".repeat(2_000);
                producer.send(new ProducerRecord<>(Topics.RACE_ATHLETES.name(), Keys.athlete(RACE, "7"),
                        Topics.RACE_ATHLETES.valueSerde().serialize("", new Athlete("7", RACE, "7", longName, null, Sex.M,
                                null, 33, null, false)))).get();
                send(producer, read("7", "2K", "0:07:00"));
                for (int junk = 100; junk < 200; junk++) {
                    final String id = String.valueOf(junk);
                    producer.send(new ProducerRecord<>(Topics.RACE_ATHLETES.name(), Keys.athlete(RACE, id),
                            Topics.RACE_ATHLETES.valueSerde().serialize("", new Athlete(id, RACE, id, "Runner " + id, null,
                                    Sex.X, "CAT-" + id, 30, null, false)))).get();
                    send(producer, read(id, "2K", "0:10:00"));
                }
            }
            // the operator enters Ed's finish from the video, and disqualifies Di
            assertEquals(0, cluster.start("correct", "--race", RACE, "--athlete", "5", "--time", "FINISH=0:43:30",
                    "--reason", "finish video", "--operator", "ana", "--bootstrap-server", cluster.bootstrap)
                    .awaitExit(Duration.ofMinutes(1)));
            assertEquals(0, cluster.start("correct", "--race", RACE, "--athlete", "4", "--disqualify",
                    "--reason", "course cut", "--operator", "referee", "--bootstrap-server", cluster.bootstrap)
                    .awaitExit(Duration.ofMinutes(1)));

            final Map<String, Long> expected = new TreeMap<>(Map.of("1", ms("0:41:00"), "2", ms("0:42:00"),
                    "3", ms("0:43:00"), "5", ms("0:43:30"), "6", ms("0:46:00")));
            final Map<String, Long> results = Await.until(() -> finishTimes(cluster), expected::equals,
                    Duration.ofMinutes(2), seen -> "results " + seen + ", expected " + expected);
            assertEquals(expected, results, "every true finish, Ed's by hand, Di disqualified");
            final Map<String, RaceResult> latest = latestResults(cluster);
            assertEquals(List.of(1, 2, 3, 4, 5), List.of("1", "2", "3", "5", "6").stream()
                    .map(id -> latest.get(Keys.athlete(RACE, id)).place()).toList(), "places without Di");

            final List<DeadLetter> letters = Outputs.byKey(cluster.clientProps(), Topics.RACE_DEAD_LETTERS).values()
                    .stream().flatMap(List::stream).toList();
            final DeadLetter oversized = letters.stream().filter(d -> d.code() == Reason.OVERSIZED).findFirst().orElseThrow();
            assertTrue(oversized.truncated() && oversized.valueSize() == 900 * 1024, "kept small: " + oversized.valueSize());
            assertTrue(letters.stream().anyMatch(d -> d.code() == Reason.TAKEN_BACK && d.athleteId().equals("2")), letters.toString());
            assertTrue(letters.stream().anyMatch(d -> d.code() == Reason.KEY_MISMATCH), letters.toString());
            assertTrue(letters.stream().anyMatch(d -> d.code() == Reason.FIELD_IGNORED && d.athleteId().equals("6")),
                    letters.toString());
            final List<RaceAlert> alerts = Outputs.byKey(cluster.clientProps(), Topics.RACE_ALERTS).values().stream()
                    .flatMap(List::stream).filter(Objects::nonNull).toList();
            // (the made-up runners, read once at 2 km, are given up as the race clock runs on: rightly)
            final List<RaceAlert> givenUp = alerts.stream().filter(a -> a.type() == RaceAlert.Type.DID_NOT_FINISH
                    && a.athleteId().length() == 1).toList();
            assertTrue(givenUp.isEmpty(), "one mat's wrong clock gave nobody up: " + givenUp);
            assertTrue(streams.process.isAlive(), "the app never stopped:\n" + streams.output());
            assertNull(latest.get(Keys.athlete(RACE, "4")), "Di's result withdrawn");
            final Map<String, List<Leaderboard>> boards = Outputs.byKey(cluster.clientProps(), Topics.RACE_LEADERBOARD);
            assertTrue(boards.keySet().stream().filter(k -> k.startsWith(RACE + "/CAT-")).count() <= 64,
                    "at most 64 category boards per race: " + boards.keySet().size() + " boards");
            final List<Leaderboard> all = boards.get(RACE + "/ALL");
            assertTrue(all.get(all.size() - 1).athletes() >= 100, "every athlete still counts on the race's board");
            final List<String> gus = all.stream().flatMap(b -> b.entries().stream()).filter(e -> e.athleteId().equals("7"))
                    .map(Leaderboard.Entry::name).toList();
            assertTrue(!gus.isEmpty() && gus.stream().allMatch(name -> name.length() <= 101),
                    "a name of 10,000 characters is published cut short: " + gus.stream().map(String::length).toList());
            // and the books balance read for read: held reads taken up, a split taken back, a time by hand, a result withdrawn
            final Launcher verify = cluster.start("verify", "--race", RACE, "--wait-seconds", "120",
                    "--bootstrap-server", cluster.bootstrap);
            assertEquals(0, verify.awaitExit(Duration.ofMinutes(4)), verify.output());
        }
    }

    private static Map<String, Long> finishTimes(final LocalCluster cluster) {
        final Map<String, Long> times = new TreeMap<>();
        latestResults(cluster).forEach((key, result) -> {
            if (result != null) {
                times.put(Keys.athleteOf(key), result.finishMs());
            }
        });
        return times;
    }

    private static Map<String, RaceResult> latestResults(final LocalCluster cluster) {
        final Map<String, RaceResult> latest = new TreeMap<>();
        Outputs.byKey(cluster.clientProps(), Topics.RACE_RESULTS).forEach((key, all) -> latest.put(key, all.get(all.size() - 1)));
        return latest;
    }

    private static SplitEvent read(final String id, final String mat, final String chipTime) {
        final double metres = mat.equals("FINISH") ? 10_000 : Integer.parseInt(mat.replace("K", "")) * 1000.0;
        final long elapsed = ms(chipTime);
        return new SplitEvent(RACE, id, id, mat, metres, null, elapsed, GUN.plusMillis(elapsed));
    }

    private static SplitEvent dated(final SplitEvent read, final Duration off) {
        return new SplitEvent(read.raceId(), read.athleteId(), read.bib(), read.timingPointId(), read.distanceM(), null,
                read.elapsedMs(), read.readAt().plus(off));
    }

    private static void send(final KafkaProducer<String, byte[]> producer, final SplitEvent read) throws Exception {
        producer.send(new ProducerRecord<>(Topics.RACE_SPLITS.name(), read.key(),
                Topics.RACE_SPLITS.valueSerde().serialize("", read))).get();
    }

    private static long ms(final String time) {
        return RaceTime.parse(time);
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
