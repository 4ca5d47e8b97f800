package io.racetracker.core.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.event.BroadcastLine;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.Leaderboard;
import io.racetracker.core.event.RaceAlert;
import io.racetracker.core.event.RaceConditions;
import io.racetracker.core.event.RaceResult;
import io.racetracker.core.topic.Topic;
import io.racetracker.core.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The JSON on every output topic is a contract: however a record is written, its bytes are exactly those Jackson's
 * reflective writer gives for it ({@link Json#reflective()}). Many varied records of every output type (nulls,
 * empty and non-ASCII text, escapes, NaN and infinities, extreme numbers and instants, empty and long lists) are
 * written both ways and compared byte for byte.
 */
class OutputBytesTest {
    private static final int RECORDS = 4000;
    private static final String[] TEXTS = {
        "", " ", "a", "vienna-2019", "eliud-kipchoge", "KIPCHOGE 1:59:43 PROJ - 87% SUB-2:00 - +11 s AT HALF",
        "Zoë Müller-Łukasiewicz", "北京马拉松", "Ελληνικά", "emoji \uD83C\uDFC3\u200D\u2640\uFE0F run", "quote \" and \\ backslash",
        "new\nline\ttab\r", "control \u0000\u0001\u001f\u007f", "</script><b>&amp;</b>", "\u2028\u2029", "trailing ",
        "x".repeat(300), "ü".repeat(100), "+11 s", "1:59:40.2", "4:45/km", "null", "0", "-"};
    private static final double[] DOUBLES = {
        0.0, -0.0, 1.0, -1.0, 0.1, 1e-7, 1e-3, 1e7, 1e21, 1e22, 123456789.123, 42_195.0, 21_097.5, 0.5,
        Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 2.0 / 3.0, 0.87, 299.99999999999994, 1.0E-300};
    private static final long[] LONGS = {0L, 1L, -1L, 7_199_000L, 1_836_000L, Long.MAX_VALUE, Long.MIN_VALUE,
        Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L};
    private static final Instant[] INSTANTS = {
        Instant.EPOCH, Instant.parse("2019-10-12T06:45:36Z"), Instant.parse("2019-10-12T06:45:36.123Z"),
        Instant.parse("2019-10-12T06:45:36.100Z"), Instant.parse("2024-04-21T09:30:00.000001Z"),
        Instant.parse("2024-04-21T09:30:00.123456789Z"), Instant.parse("1969-12-31T23:59:59.999Z"),
        Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("+10000-01-01T00:00:00Z"), Instant.MIN, Instant.MAX};

    private final Random random = new Random(20);

    @Test
    void athleteProjectionsAsTheReflectiveWriterWritesThem() {
        compare(Topics.ATHLETE_PROJECTIONS, r -> projection());
        compare(Topics.ATHLETE_STATE, r -> projection());
    }

    @Test
    void alertsBroadcastsAndDeadLettersAsTheReflectiveWriterWritesThem() {
        compare(Topics.RACE_ALERTS, r -> alert());
        compare(Topics.BROADCAST_FEED, r -> broadcast());
        compare(Topics.RACE_DEAD_LETTERS, r -> deadLetter());
    }

    @Test
    void boardsResultsAndConditionsAsTheReflectiveWriterWritesThem() {
        compare(Topics.RACE_LEADERBOARD, r -> leaderboard());
        compare(Topics.RACE_RESULTS, r -> result());
        compare(Topics.RACE_CONDITIONS, r -> conditions());
    }

    @Test
    void decimalsLookedUpAreTheTextsOfThoseVeryDoubles() {
        for (int tenths = 0; tenths < OutputWriters.TENTHS_BELOW * 10; tenths++) {
            final double value = tenths / 10.0;
            assertEquals(Double.toString(value), OutputWriters.decimal(value));
        }
        for (int tenThousandths = 0; tenThousandths <= 10_000; tenThousandths++) {
            final double value = tenThousandths / 10_000.0;
            assertEquals(Double.toString(value), OutputWriters.decimal(value));
        }
        for (final double other : new double[] {-0.0, -0.1, Double.NaN, Double.POSITIVE_INFINITY, OutputWriters.TENTHS_BELOW,
            0.1 + 0.2, 1.00005, 1 / 3.0, 0.12345, Math.nextUp(4.5), Math.nextDown(4.5)}) {
            assertNull(OutputWriters.decimal(other), "not looked up: " + other);
        }
    }

    @Test
    void asTreesTheRecordsAreWhatTheReflectiveWriterGives() {
        for (int i = 0; i < 200; i++) {
            final AthleteProjection projection = projection();
            assertEquals(Json.reflective().valueToTree(projection), Json.mapper().valueToTree(projection), projection.toString());
            final RaceAlert alert = alert();
            assertEquals(Json.reflective().valueToTree(alert), Json.mapper().valueToTree(alert), alert.toString());
        }
    }

    @Test
    void nullIsNullOnEveryOutputTopic() {
        for (final Topic<?> topic : Topics.OUTPUTS) {
            assertNull(topic.valueSerde().serialize(topic.name(), null), topic.name());
        }
    }

    @Test
    void theMapperWritesAsTheSerdeDoes() throws Exception {
        // the HTTP API and the command line write these records with the mapper, not the serde
        for (int i = 0; i < 200; i++) {
            final Object[] records = {projection(), alert(), broadcast(), deadLetter(), leaderboard(), result()};
            for (final Object record : records) {
                assertEquals(Json.reflective().writeValueAsString(record), Json.mapper().writeValueAsString(record));
            }
            final List<Object> several = List.of(projection(), alert(), leaderboard());
            assertEquals(Json.reflective().writeValueAsString(several), Json.mapper().writeValueAsString(several));
        }
    }

    private <V> void compare(final Topic<V> topic, final Function<Integer, V> records) {
        final JsonSerde<V> serde = topic.valueSerde();
        for (int i = 0; i < RECORDS; i++) {
            final V record = records.apply(i);
            final byte[] expected;
            try {
                expected = Json.reflective().writeValueAsBytes(record);
            } catch (final Exception e) {
                throw new AssertionError(e);
            }
            final byte[] actual = serde.serialize(topic.name(), record);
            if (!java.util.Arrays.equals(expected, actual)) {
                assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8),
                        topic.name() + " record " + i);
            }
            assertArrayEquals(expected, actual, topic.name() + " record " + i);
        }
    }

    private AthleteProjection projection() {
        final AthleteProjection.Display display = random.nextInt(8) == 0 ? null : new AthleteProjection.Display(text(), text(),
                text(), text(), text(), text(), text(), text(), text(), text());
        return new AthleteProjection(text(), text(), text(), text(), text(), random.nextBoolean(), text(),
                random.nextInt(3) == 0 ? null : random.nextInt(6) - 1, number(), integer(), instant(), number(), number(),
                integer(), integer(), integer(), integer(), number(), integer(), text(),
                random.nextInt(3) == 0 ? null : number(), random.nextInt(3) == 0 ? null : integer(),
                oneOf(AthleteStatus.values()), random.nextInt(), integer(), display);
    }

    private RaceAlert alert() {
        return new RaceAlert(oneOf(RaceAlert.Type.values()), text(), text(), text(), text(), text(), number(), integer(),
                random.nextInt(3) == 0 ? null : number(), text(), instant());
    }

    private BroadcastLine broadcast() {
        return new BroadcastLine(text(), text(), text(), text(), number(), integer(), integer(), number(), integer(),
                oneOf(AthleteStatus.values()), instant());
    }

    private DeadLetter deadLetter() {
        if (random.nextBoolean()) {
            final String text = text();
            final byte[] value = random.nextInt(4) == 0 ? null : text == null ? new byte[random.nextInt(100)]
                    : text.getBytes(StandardCharsets.UTF_8);
            if (value != null && random.nextBoolean()) {
                random.nextBytes(value);
            }
            return DeadLetter.of(oneOf(DeadLetter.Reason.values()), text(), text(), random.nextInt(7) - 1,
                    integer(), text(), value, text(), text());
        }
        return new DeadLetter(oneOf(DeadLetter.Reason.values()), text(), text(), random.nextInt(), integer(), text(), text(),
                text(), text(), text(), integer(), random.nextBoolean());
    }

    private Leaderboard leaderboard() {
        final int size = random.nextInt(6) == 0 ? 0 : random.nextInt(30);
        final List<Leaderboard.Entry> entries = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            entries.add(new Leaderboard.Entry(random.nextInt(), text(), text(), text(), text(), text(), number(), integer(),
                    integer(), text(), integer(), number(), oneOf(AthleteStatus.values())));
        }
        return new Leaderboard(text(), text(), random.nextInt(), random.nextInt(10) == 0 ? null : entries, instant());
    }

    private RaceResult result() {
        return new RaceResult(text(), text(), text(), text(), text(), integer(), text(), random.nextInt(), random.nextInt());
    }

    private RaceConditions conditions() {
        final int mats = 1 + random.nextInt(6);
        final List<Double> matsM = new ArrayList<>();
        final List<RaceConditions.Stretch> stretches = new ArrayList<>();
        for (int m = 0; m < mats; m++) {
            matsM.add(number());
            if (m > 0) {
                final List<Double> effect = new ArrayList<>();
                for (int l = random.nextInt(5); l > 0; l--) {
                    effect.add(number());
                }
                stretches.add(new RaceConditions.Stretch(number(), number(), integer(), number(), number(), effect));
            }
        }
        final List<Double> edges = new ArrayList<>();
        for (int e = random.nextInt(4); e > 0; e--) {
            edges.add(number());
        }
        return new RaceConditions("race-" + random.nextInt(100), instant(), text(), number(), matsM, stretches,
                new RaceConditions.Settings(number(), number(), edges, number()));
    }

    private String text() {
        final int pick = random.nextInt(TEXTS.length + 3);
        if (pick == TEXTS.length) {
            return null;
        }
        if (pick > TEXTS.length) {
            final StringBuilder any = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                any.append((char) random.nextInt(pick == TEXTS.length + 1 ? 0x80 : 0x3000));
            }
            return any.toString();
        }
        return TEXTS[pick];
    }

    private double number() {
        return switch (random.nextInt(6)) {
            case 0 -> DOUBLES[random.nextInt(DOUBLES.length)];
            case 1 -> random.nextInt(50_000) / 10.0;
            // tenths near the end of those looked up, and chances to the ten-thousandth
            case 4 -> (OutputWriters.TENTHS_BELOW * 10 + random.nextInt(-20, 20)) / 10.0;
            case 5 -> Math.round(random.nextDouble() * 10_000) / 10_000.0;
            case 2 -> random.nextGaussian() * Math.pow(10, random.nextInt(30) - 15);
            default -> random.nextDouble();
        };
    }

    private long integer() {
        return switch (random.nextInt(3)) {
            case 0 -> LONGS[random.nextInt(LONGS.length)];
            case 1 -> random.nextInt(20_000_000);
            default -> random.nextLong();
        };
    }

    private Instant instant() {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> INSTANTS[random.nextInt(INSTANTS.length)];
            case 2 -> Instant.ofEpochMilli(1_500_000_000_000L + (long) random.nextInt(Integer.MAX_VALUE) * 100);
            default -> Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000));
        };
    }

    private <E> E oneOf(final E[] values) {
        return random.nextInt(values.length + 1) == values.length ? null : values[random.nextInt(values.length)];
    }
}
