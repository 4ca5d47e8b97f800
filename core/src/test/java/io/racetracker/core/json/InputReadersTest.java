package io.racetracker.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.racetracker.core.event.SplitEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A mat read taken straight from the tokens is the read databind gives, and whatever databind refuses or has to
 * coerce is left to it: the plain reader never answers where databind would answer otherwise.
 */
class InputReadersTest {
    /** Databind's answer, without the plain reader: what {@link InputReaders} is held to. */
    private static final ObjectReader DATABIND = Json.mapper().readerFor(SplitEvent.class);

    private static final String BASE = "{\"raceId\":\"vienna-2019\",\"athleteId\":\"a1\",\"bib\":\"7\",\"timingPointId\":\"25K\","
            + "\"distanceM\":25000,\"lap\":null,\"elapsedMs\":4260000,\"readAt\":\"2019-10-12T06:26:00Z\",\"gunElapsedMs\":null}";

    @Test
    void everyPlainReadIsTheReadDatabindGives() throws Exception {
        final Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            final SplitEvent split = randomSplit(random);
            final byte[] written = Json.mapper().writeValueAsBytes(split);
            assertEquals(split, plain(written), new String(written, StandardCharsets.UTF_8));
            assertEquals(DATABIND.readValue(written), plain(written));

            // the fields in another order, with unknown fields of every kind among them
            final ObjectNode tree = Json.mapper().valueToTree(split);
            final List<String> names = new ArrayList<>();
            tree.fieldNames().forEachRemaining(names::add);
            Collections.shuffle(names, random);
            final ObjectNode shuffled = Json.mapper().createObjectNode();
            shuffled.put("source", "mat 4");
            for (final String name : names) {
                shuffled.set(name, tree.get(name));
                if (random.nextInt(4) == 0) {
                    shuffled.putObject("extra" + name).putArray("nested").add(1).addObject().putNull("x");
                }
            }
            final byte[] reordered = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(shuffled);
            assertEquals(split, plain(reordered), new String(reordered, StandardCharsets.UTF_8));
        }
    }

    @Test
    void whatDatabindRefusesOrCoercesIsLeftToIt() throws Exception {
        final List<String> odd = List.of(
                // numbers as text, fractions for whole numbers, numbers too large
                BASE.replace("\"distanceM\":25000", "\"distanceM\":\"25000\""),
                BASE.replace("4260000", "4260000.0"), BASE.replace("4260000", "4.26e6"),
                BASE.replace("4260000", "9223372036854775808"), BASE.replace("4260000", "-5"),
                BASE.replace("4260000", "null"), BASE.replace("4260000", "\"4260000\""),
                BASE.replace("\"lap\":null", "\"lap\":2.5"), BASE.replace("\"lap\":null", "\"lap\":3000000000"),
                BASE.replace("\"lap\":null", "\"lap\":\"2\""), BASE.replace("\"lap\":null", "\"lap\":0"),
                BASE.replace("\"lap\":null", "\"lap\":true"),
                BASE.replace("\"gunElapsedMs\":null", "\"gunElapsedMs\":-1"),
                BASE.replace("\"gunElapsedMs\":null", "\"gunElapsedMs\":\"5\""),
                BASE.replace("\"gunElapsedMs\":null", "\"gunElapsedMs\":5.0"),
                BASE.replace("\"gunElapsedMs\":null", "\"gunElapsedMs\":9223372036854775808"),
                BASE.replace("\"distanceM\":25000", "\"distanceM\":1e400"),
                BASE.replace("\"distanceM\":25000", "\"distanceM\":-1"),
                BASE.replace("\"distanceM\":25000", "\"distanceM\":NaN"),
                BASE.replace("\"distanceM\":25000", "\"distanceM\":null"),
                // text of other types
                BASE.replace("\"bib\":\"7\"", "\"bib\":7"), BASE.replace("\"bib\":\"7\"", "\"bib\":true"),
                BASE.replace("\"bib\":\"7\"", "\"bib\":{\"x\":1}"), BASE.replace("\"bib\":\"7\"", "\"bib\":[\"7\"]"),
                BASE.replace("\"vienna-2019\"", "null"), BASE.replace("\"vienna-2019\"", "5"),
                BASE.replace("\"vienna-2019\"", "\"\""), BASE.replace("\"vienna-2019\"", "\"Vienna 2019\""),
                BASE.replace("\"athleteId\":\"a1\",", ""), BASE.replace("\"timingPointId\":\"25K\",", ""),
                BASE.replace("\"raceId\"", "\"RaceId\""), BASE.replace("\"a1\"", "\"\""),
                // instants in other shapes, or none
                BASE.replace("\"2019-10-12T06:26:00Z\"", "1570861560"),
                BASE.replace("\"2019-10-12T06:26:00Z\"", "\"2019-10-12T06:26:00+00:00\""),
                BASE.replace("\"2019-10-12T06:26:00Z\"", "\"2019-10-12T06:26:00z\""),
                BASE.replace("\"2019-10-12T06:26:00Z\"", "\"2019-10-12 06:26:00Z\""),
                BASE.replace("\"2019-10-12T06:26:00Z\"", "\"2019-10-12T06:26:60Z\""),
                BASE.replace("\"2019-10-12T06:26:00Z\"", "\"2019-10-12T24:00:00Z\""),
                BASE.replace("\"2019-10-12T06:26:00Z\"", "null"), BASE.replace(",\"readAt\":\"2019-10-12T06:26:00Z\"", ""),
                // a field twice, the same value or another
                BASE.replace("{", "{\"raceId\":\"vienna-2019\","), BASE.replace("{", "{\"raceId\":\"monza-2017\","),
                BASE.replace("{", "{\"elapsedMs\":1,"),
                // not one object, or something after it
                BASE + " x", BASE + "{}", BASE + "]", "[" + BASE + "]", BASE.substring(0, BASE.length() - 1), "",
                "[]", "\"x\"", "5", "null", "{}", "{", "/* a comment */" + BASE,
                BASE.replace("\"bib\"", "\"b\\u0069b\""));
        for (final String text : odd) {
            final byte[] data = text.getBytes(StandardCharsets.UTF_8);
            SplitEvent expected;
            try {
                expected = DATABIND.readValue(data);
            } catch (final Exception refused) {
                assertNull(plain(data), "databind refuses, so must the plain reader: " + text);
                continue;
            }
            final SplitEvent read = plain(data);
            if (read != null) {
                assertEquals(expected, read, text);
            }
        }
    }

    @Test
    void plainReadsAreTakenStraight() {
        final List<String> plainShapes = List.of(BASE, " \n" + BASE + "\n ",
                BASE.replace("\"bib\":\"7\",", ""), BASE.replace("\"bib\":\"7\"", "\"bib\":null"),
                BASE.replace("\"lap\":null", "\"lap\":3"), BASE.replace(",\"gunElapsedMs\":null", ""),
                BASE.replace("\"gunElapsedMs\":null", "\"gunElapsedMs\":4261000"),
                BASE.replace("25000", "25000.5"), BASE.replace("{", "{\"note\":null,\"at\":[1,{\"x\":[]}],"),
                BASE.replace("\"bib\"", "\"b\\u0069b\""), "\uFEFF" + BASE);
        for (final String text : plainShapes) {
            final byte[] data = text.getBytes(StandardCharsets.UTF_8);
            assertNotNull(plain(data), text);
        }
        assertEquals(new SplitEvent("vienna-2019", "a1", "7", "25K", 25000, null, 4_260_000,
                Instant.parse("2019-10-12T06:26:00Z"), null), plain(BASE.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theSerdeReadsPlainAndOddReadsAlike() {
        final JsonSerde<SplitEvent> serde = JsonSerde.of(SplitEvent.class);
        assertEquals(plain(BASE.getBytes(StandardCharsets.UTF_8)), serde.deserialize("race-splits",
                BASE.getBytes(StandardCharsets.UTF_8)));
        // coerced by databind, as before
        assertEquals("7", serde.deserialize("race-splits", BASE.replace("\"bib\":\"7\"", "\"bib\":7")
                .getBytes(StandardCharsets.UTF_8)).bib());
    }

    private static SplitEvent plain(final byte[] data) {
        return InputReaders.split(Json.mapper().getFactory(), data);
    }

    private static SplitEvent randomSplit(final Random random) {
        final String race = "race-" + random.nextInt(100);
        final String athlete = random.nextInt(10) == 0 ? "ä\"thlete\\" + random.nextInt() : "a" + random.nextInt(100_000);
        final String bib = random.nextInt(5) == 0 ? null : Integer.toString(random.nextInt(60_000));
        final double distance = random.nextBoolean() ? random.nextInt(42_196) : random.nextDouble() * 42_195;
        final Integer lap = random.nextInt(3) == 0 ? 1 + random.nextInt(40) : null;
        final long elapsed = random.nextInt(4) == 0 ? random.nextLong() & Long.MAX_VALUE : random.nextInt(30_000_000);
        final Instant readAt = Instant.ofEpochMilli(1_500_000_000_000L + (random.nextLong() & 0xFFFFFFFFFFL));
        final Long gun = random.nextBoolean() ? null : elapsed + random.nextInt(600_000);
        return new SplitEvent(race, athlete, bib, "MAT" + random.nextInt(30), distance, lap, elapsed, readAt,
                gun == null || gun < 0 ? null : gun);
    }
}
