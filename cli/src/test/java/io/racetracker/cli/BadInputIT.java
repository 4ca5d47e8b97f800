package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.cli.verify.Books;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.topic.Topics;
import io.racetracker.testing.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input of every kind through a real broker: the app goes on and the books balance. */
class BadInputIT {

    @Test
    void malformedDuplicateAndLateReadsAllBalance(@TempDir final Path dir) throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir)) {
            // with no streams app yet, the reads are not accounted for: verify says so
            try (Launcher produce = cluster.start("produce", "--scenario", "vienna-2019", "--max-rate",
                    "--malformed", "0.2", "--duplicate-reads", "0.3", "--late-reads", "0.2",
                    "--bootstrap-server", cluster.bootstrap)) {
                assertEquals(0, produce.awaitExit(Duration.ofMinutes(2)), produce.output());
            }
            try (Launcher verify = cluster.start("verify", "--bootstrap-server", cluster.bootstrap)) {
                assertEquals(1, verify.awaitExit(Duration.ofMinutes(2)), verify.output());
                assertTrue(verify.output().contains("The books do NOT balance."), verify.output());
            }
            sendUnreadableRegistration(cluster.bootstrap);

            cluster.startStreams();

            try (Launcher verify = cluster.start("verify", "--bootstrap-server", cluster.bootstrap, "--wait-seconds", "90")) {
                assertEquals(0, verify.awaitExit(Duration.ofMinutes(3)), verify.output());
                assertTrue(verify.output().contains("The books balance: every read is accounted for."), verify.output());
            }
            final Books books = Books.read(cluster.clientProps(), Duration.ofMinutes(1));
            final Books.Account vienna = books.total("vienna-2019");
            assertTrue(vienna.duplicates() > 0 && vienna.accepted() == 158, "every crossing once: " + vienna);
            final long deadLetters = books.byRace().values().stream().flatMap(m -> m.values().stream())
                    .mapToLong(Books.Account::deadLetters).sum();
            assertTrue(deadLetters > 0, "malformed reads were dead-lettered: " + books.byRace());

            final List<DeadLetter> letters = new ArrayList<>();
            try (org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                    Map.of("bootstrap.servers", cluster.bootstrap, "isolation.level", "read_committed",
                            "auto.offset.reset", "earliest", "group.id", "bad-input-it"),
                    new org.apache.kafka.common.serialization.StringDeserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
                consumer.subscribe(List.of(Topics.RACE_DEAD_LETTERS.name()));
                // a registration is read from its raw bytes, like a read: bad JSON is named as such
                Await.until(() -> {
                    consumer.poll(Duration.ofMillis(500)).forEach(r -> letters.add(
                            Topics.RACE_DEAD_LETTERS.valueSerde().deserialize(r.topic(), r.value())));
                    return letters.stream().anyMatch(BadInputIT::isTheBrokenRegistration);
                }, done -> done, Duration.ofMinutes(1), done -> "no dead letter for the unreadable registration: " + letters);
            }
            final DeadLetter registration = letters.stream().filter(BadInputIT::isTheBrokenRegistration).findFirst()
                    .orElseThrow();
            assertEquals(DeadLetter.Reason.MALFORMED_JSON, registration.code());
            assertEquals("{\"athleteId\": 42", registration.valueText());
        }
    }

    private static boolean isTheBrokenRegistration(final DeadLetter letter) {
        return "race-athletes".equals(letter.sourceTopic()) && "broken".equals(letter.key());
    }

    private static void sendUnreadableRegistration(final String bootstrap) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.RACE_ATHLETES.name(), "broken",
                    "{\"athleteId\": 42".getBytes(StandardCharsets.UTF_8))).get();
        }
    }
}
