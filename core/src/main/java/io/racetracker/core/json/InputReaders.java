package io.racetracker.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.racetracker.core.event.SplitEvent;
import java.io.IOException;
import java.time.Instant;

/**
 * The input read on every record, a mat read ({@link SplitEvent}), taken straight from the parser's tokens when it
 * is a plain one: a JSON object of the record's fields, each at most once, of its own JSON type (text, a number that
 * fits, null where the field may be null), the instant in the shape {@link IsoInstants} reads, unknown fields of any
 * kind skipped, nothing after the object. Anything else (a number sent as text, a field missing or given twice, a
 * value the record refuses) is left to Jackson's databind, which answers it as before, value or error. Databind
 * found the record's creator, buffered its arguments and called its constructor by reflection for each read:
 * about half of parsing a read.
 */
final class InputReaders {

    /** Reads a plain record of one type from JSON text, or says it is not one (null). */
    @FunctionalInterface
    interface PlainReader<T> {
        T readPlain(JsonFactory factory, byte[] data);
    }

    private InputReaders() {
    }

    /** The type's plain reader, or null when it has none. */
    @SuppressWarnings("unchecked")
    static <T> PlainReader<T> readerFor(final Class<T> type) {
        return type == SplitEvent.class ? (PlainReader<T>) (PlainReader<SplitEvent>) InputReaders::split : null;
    }

    private static final int RACE_ID = 1;
    private static final int ATHLETE_ID = 1 << 1;
    private static final int BIB = 1 << 2;
    private static final int TIMING_POINT_ID = 1 << 3;
    private static final int DISTANCE_M = 1 << 4;
    private static final int LAP = 1 << 5;
    private static final int ELAPSED_MS = 1 << 6;
    private static final int READ_AT = 1 << 7;
    private static final int GUN_ELAPSED_MS = 1 << 8;
    /** What {@link SplitEvent} marks required: without any of these databind answers (with its error). */
    private static final int SPLIT_REQUIRED = RACE_ID | ATHLETE_ID | TIMING_POINT_ID | DISTANCE_M | ELAPSED_MS | READ_AT;

    /** A plain mat read, or null. */
    static SplitEvent split(final JsonFactory factory, final byte[] data) {
        try (JsonParser p = factory.createParser(data)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String raceId = null;
            String athleteId = null;
            String bib = null;
            String timingPointId = null;
            double distanceM = 0;
            Integer lap = null;
            long elapsedMs = 0;
            Instant readAt = null;
            Long gunElapsedMs = null;
            int seen = 0;
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                final JsonToken token = p.nextToken();
                final int field;
                switch (name) {
                    case "raceId" -> {
                        field = RACE_ID;
                        raceId = text(p, token);
                    }
                    case "athleteId" -> {
                        field = ATHLETE_ID;
                        athleteId = text(p, token);
                    }
                    case "bib" -> {
                        field = BIB;
                        bib = token == JsonToken.VALUE_NULL ? null : text(p, token);
                    }
                    case "timingPointId" -> {
                        field = TIMING_POINT_ID;
                        timingPointId = text(p, token);
                    }
                    case "distanceM" -> {
                        field = DISTANCE_M;
                        distanceM = number(p, token);
                    }
                    case "lap" -> {
                        field = LAP;
                        lap = token == JsonToken.VALUE_NULL ? null : wholeInt(p, token);
                    }
                    case "elapsedMs" -> {
                        field = ELAPSED_MS;
                        elapsedMs = wholeLong(p, token);
                    }
                    case "readAt" -> {
                        field = READ_AT;
                        readAt = IsoInstants.parse(text(p, token));
                    }
                    case "gunElapsedMs" -> {
                        field = GUN_ELAPSED_MS;
                        gunElapsedMs = token == JsonToken.VALUE_NULL ? null : wholeLong(p, token);
                    }
                    default -> {
                        // an unknown field, whatever its value: skipped, as databind does
                        p.skipChildren();
                        continue;
                    }
                }
                if ((seen & field) != 0) {
                    return null;
                }
                seen |= field;
            }
            // an object closed and nothing after it, every required field there (their texts non-null by text()) and
            // the instant in the plain shape
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null || (seen & SPLIT_REQUIRED) != SPLIT_REQUIRED
                    || readAt == null) {
                return null;
            }
            return new SplitEvent(raceId, athleteId, bib, timingPointId, distanceM, lap, elapsedMs, readAt, gunElapsedMs);
        } catch (final IOException | RuntimeException e) {
            // malformed JSON, a number too large, a value the record refuses: databind gives the answer and the reason
            return null;
        }
    }

    // each value of its field's plain JSON type; any other token sends the read to databind (NotPlain)

    private static String text(final JsonParser p, final JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw new NotPlain();
        }
        return p.getText();
    }

    private static double number(final JsonParser p, final JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new NotPlain();
        }
        return p.getDoubleValue();
    }

    private static int wholeInt(final JsonParser p, final JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            throw new NotPlain();
        }
        return p.getIntValue();
    }

    private static long wholeLong(final JsonParser p, final JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT
                || p.getNumberType() != JsonParser.NumberType.INT && p.getNumberType() != JsonParser.NumberType.LONG) {
            throw new NotPlain();
        }
        return p.getLongValue();
    }

    /** A value of another JSON type than the field's plain one. */
    private static final class NotPlain extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotPlain() {
            super(null, null, false, false);
        }
    }
}
