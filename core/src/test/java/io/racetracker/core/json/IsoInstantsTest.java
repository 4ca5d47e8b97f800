package io.racetracker.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Instants read by hand are the instants Jackson's own reader gives, and whatever it refuses is still refused. */
class IsoInstantsTest {
    /** Jackson's reader of instants as the mapper had it before: what {@link IsoInstants} is held to. */
    private static final ObjectMapper JACKSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    private record At(Instant at) {
    }

    @Test
    void everyInstantOfTheShapeReadsAsTheFormatterReadsIt() {
        final Random random = new Random(5);
        for (int i = 0; i < 100_000; i++) {
            final long seconds = secondOfYears0000To9999(random);
            final int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            final String text = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(seconds, nanos));
            assertEquals(Instant.parse(text), IsoInstants.parse(text), text);
            // fractions of any length from 1 to 9 digits, as a timing system may send them
            final String cut = text.substring(0, 19) + "." + String.format("%09d", nanos).substring(0, 1 + random.nextInt(9)) + "Z";
            assertEquals(Instant.parse(cut), IsoInstants.parse(cut), cut);
        }
    }

    /** Written by hand as {@code Instant.toString()} writes it, in the years 0000-9999; refused (-1) outside them. */
    @Test
    void instantsAreWrittenAsToStringWritesThem() {
        final Random random = new Random(8);
        final char[] out = new char[IsoInstants.MAX_LENGTH];
        for (int i = 0; i < 200_000; i++) {
            final long seconds = secondOfYears0000To9999(random);
            final int nanos = switch (random.nextInt(5)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                case 3 -> random.nextInt(10) * 100;
                default -> random.nextInt(1_000_000_000);
            };
            final Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertEquals(instant.toString(), new String(out, 0, IsoInstants.format(instant, out)));
        }
        for (final String text : List.of("1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "2000-02-29T12:00:00Z",
                "2024-02-29T06:29:10.500Z", "1900-03-01T00:00:00Z", "0000-02-29T00:00:00Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z", "2019-10-12T06:29:10Z", "1600-12-31T23:59:59.000001Z")) {
            final Instant instant = Instant.parse(text);
            assertEquals(instant.toString(), new String(out, 0, IsoInstants.format(instant, out)), text);
        }
        assertEquals(-1, IsoInstants.format(Instant.parse("+10000-01-01T00:00:00Z"), out));
        assertEquals(-1, IsoInstants.format(Instant.parse("-0001-12-31T23:59:59Z"), out));
        assertEquals(-1, IsoInstants.format(Instant.MAX, out));
    }

    @Test
    void theDaysAroundLeapYearsAndTheEpochRead() {
        for (final String text : List.of("1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "2000-02-29T12:00:00Z",
                "2024-02-29T06:29:10.5Z", "1900-03-01T00:00:00Z", "0000-02-29T00:00:00Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z", "2019-10-12T06:29:10Z")) {
            assertEquals(Instant.parse(text), IsoInstants.parse(text), text);
        }
    }

    /** What is not the one shape is left to Jackson: read the same, or refused the same. */
    @Test
    void everyOtherTextIsJacksonsToReadOrRefuse() throws Exception {
        for (final String text : List.of("1900-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "2019-04-31T00:00:00Z",
                "2019-10-12T24:00:00Z", "2019-10-12T23:59:60Z", "2019-10-12T06:29:10z", "2019-10-12T06:29:10+01:00",
                "2019-10-12T06:29:10.Z", "2019-10-12T06:29:10.1234567890Z", " 2019-10-12T06:29:10Z",
                "2019-10-12 06:29:10Z", "+2019-10-12T06:29:10Z", "2019-1-12T06:29:10Z", "2019-10-12T06:29Z",
                "2019-13-12T06:29:10Z", "2019-00-12T06:29:10Z", "2019-10-00T06:29:10Z", "2019-10-12T06:60:10Z",
                "12345", "", "2019-10-12T06:29:1xZ", "2019-10-12T06:29:10.12a4Z")) {
            assertNull(IsoInstants.parse(text), text);
            final String json = "{\"at\":\"" + text + "\"}";
            assertEquals(outcome(JACKSON, json), outcome(Json.mapper(), json), text);
        }
        assertEquals(outcome(JACKSON, "{\"at\":1570861750.5}"), outcome(Json.mapper(), "{\"at\":1570861750.5}"));
        assertNotNull(Json.mapper().readValue("{\"at\":\"2019-10-12T06:29:10Z\"}", At.class).at());
    }

    private static long secondOfYears0000To9999(final Random random) {
        return random.nextLong(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() + 1);
    }

    private static String outcome(final ObjectMapper mapper, final String json) {
        try {
            return String.valueOf(mapper.readValue(json, At.class).at());
        } catch (final Exception e) {
            return "refused: " + e.getClass().getSimpleName();
        }
    }
}
