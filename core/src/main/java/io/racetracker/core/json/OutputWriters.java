package io.racetracker.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.event.BroadcastLine;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.Leaderboard;
import io.racetracker.core.event.RaceAlert;
import io.racetracker.core.event.RaceResult;
import io.racetracker.core.race.TextCache;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The output records written per read, each by a writer of its own straight to the generator, with its field names
 * encoded once: Jackson's reflective writer calls every accessor by reflection and looks up a serializer per field.
 * Each writes exactly the bytes the reflective writer gives (the record's components in order, nulls written,
 * instants as ISO-8601 text, enums by name), which {@code OutputBytesTest} holds them to; a component added to a
 * record must be added here too, or that test fails.
 */
final class OutputWriters {

    private OutputWriters() {
    }

    /** Each written type's writer. */
    private static final Map<Class<?>, Writer<?>> WRITERS = writers(new ProjectionWriter(), new DisplayWriter(),
            new AlertWriter(), new BroadcastWriter(), new DeadLetterWriter(), new LeaderboardWriter(), new EntryWriter(),
            new ResultWriter());

    private static Map<Class<?>, Writer<?>> writers(final Writer<?>... writers) {
        final Map<Class<?>, Writer<?>> byType = new LinkedHashMap<>();
        for (final Writer<?> writer : writers) {
            byType.put(writer.handledType(), writer);
        }
        return Map.copyOf(byType);
    }

    /** The writers, as a module of {@link Json#mapper()}. */
    static SimpleModule module() {
        final SimpleModule module = new SimpleModule("race-tracker-output-writers");
        WRITERS.forEach((type, writer) -> add(module, type, writer));
        return module;
    }

    @SuppressWarnings("unchecked")
    private static <T> void add(final SimpleModule module, final Class<T> type, final Writer<?> writer) {
        module.addSerializer(type, (Writer<T>) writer);
    }

    /**
     * The type's own writer, or null when it has none: {@link JsonSerde} writes such a record straight to a generator
     * of {@link Json#mapper()}, as the mapper itself would, without the mapper's per-value setup.
     */
    @SuppressWarnings("unchecked")
    static <T> JsonSerializer<T> writerFor(final Class<T> type) {
        return (JsonSerializer<T>) WRITERS.get(type);
    }

    /** A record as one JSON object: its fields, between the braces. */
    private abstract static class Writer<T> extends StdSerializer<T> {
        private static final long serialVersionUID = 1L;

        Writer(final Class<T> type) {
            super(type);
        }

        @Override
        public final void serialize(final T value, final JsonGenerator gen, final SerializerProvider provider) throws IOException {
            gen.writeStartObject(value);
            fields(value, gen);
            gen.writeEndObject();
        }

        abstract void fields(T value, JsonGenerator gen) throws IOException;
    }

    private static SerializedString name(final String name) {
        return new SerializedString(name);
    }

    /** Each constant's name, encoded once, by ordinal. */
    private static SerializedString[] names(final Enum<?>[] constants) {
        final SerializedString[] names = new SerializedString[constants.length];
        for (final Enum<?> constant : constants) {
            names[constant.ordinal()] = new SerializedString(constant.name());
        }
        return names;
    }

    private static final SerializedString[] STATUSES = names(AthleteStatus.values());
    private static final SerializedString[] ALERT_TYPES = names(RaceAlert.Type.values());
    private static final SerializedString[] REASONS = names(DeadLetter.Reason.values());

    private static void text(final JsonGenerator gen, final SerializableString field, final String value) throws IOException {
        gen.writeFieldName(field);
        gen.writeString(value);
    }

    private static void number(final JsonGenerator gen, final SerializableString field, final double value) throws IOException {
        gen.writeFieldName(field);
        final String text = decimal(value);
        if (text == null) {
            gen.writeNumber(value);
        } else {
            gen.writeNumber(text);
        }
    }

    /** Tenths below this are looked up (paces in seconds per km, distances in metres). */
    static final int TENTHS_BELOW = 50_000;
    private static final TextCache TENTHS = new TextCache(TENTHS_BELOW * 10, key -> Double.toString(key / 10.0));
    private static final TextCache TEN_THOUSANDTHS = new TextCache(10_001, key -> Double.toString(key / 10_000.0));

    /**
     * The text {@link JsonGenerator#writeNumber(double)} writes for {@code value} ({@link Double#toString}), when the
     * value is a whole number of tenths (a pace or distance rounded to the tenth) below {@value #TENTHS_BELOW}, or of
     * ten-thousandths up to 1 (a chance): those come from a few thousand values each, and each text is built once.
     * Null for any other value. The text is looked up only when {@code value} is bit for bit the double of the key it
     * is looked up by, so it is the text of that very double ({@code -0.0} is not {@code 0.0}).
     */
    static String decimal(final double value) {
        if (!(value >= 0 && value < TENTHS_BELOW)) {
            return null;
        }
        final long tenths = Math.round(value * 10);
        if (Double.doubleToRawLongBits(tenths / 10.0) == Double.doubleToRawLongBits(value)) {
            return TENTHS.text(tenths);
        }
        if (value <= 1) {
            final long tenThousandths = Math.round(value * 10_000);
            if (Double.doubleToRawLongBits(tenThousandths / 10_000.0) == Double.doubleToRawLongBits(value)) {
                return TEN_THOUSANDTHS.text(tenThousandths);
            }
        }
        return null;
    }

    private static void number(final JsonGenerator gen, final SerializableString field, final long value) throws IOException {
        gen.writeFieldName(field);
        gen.writeNumber(value);
    }

    private static void number(final JsonGenerator gen, final SerializableString field, final int value) throws IOException {
        gen.writeFieldName(field);
        gen.writeNumber(value);
    }

    private static void number(final JsonGenerator gen, final SerializableString field, final Integer value) throws IOException {
        gen.writeFieldName(field);
        if (value == null) {
            gen.writeNull();
        } else {
            gen.writeNumber(value.intValue());
        }
    }

    private static void number(final JsonGenerator gen, final SerializableString field, final Long value) throws IOException {
        gen.writeFieldName(field);
        if (value == null) {
            gen.writeNull();
        } else {
            gen.writeNumber(value.longValue());
        }
    }

    private static void number(final JsonGenerator gen, final SerializableString field, final Double value) throws IOException {
        if (value == null) {
            gen.writeFieldName(field);
            gen.writeNull();
        } else {
            number(gen, field, value.doubleValue());
        }
    }

    private static void flag(final JsonGenerator gen, final SerializableString field, final boolean value) throws IOException {
        gen.writeFieldName(field);
        gen.writeBoolean(value);
    }

    /** Each thread's room for an instant's text, which the generator copies. */
    private static final ThreadLocal<char[]> INSTANT_TEXT = ThreadLocal.withInitial(() -> new char[IsoInstants.MAX_LENGTH]);

    /** As Jackson's own instant writer does with timestamps off: ISO-8601, {@link java.time.format.DateTimeFormatter#ISO_INSTANT}. */
    private static void instant(final JsonGenerator gen, final SerializableString field, final Instant value) throws IOException {
        gen.writeFieldName(field);
        if (value == null) {
            gen.writeNull();
        } else {
            final char[] text = INSTANT_TEXT.get();
            final int length = IsoInstants.format(value, text);
            if (length < 0) {
                gen.writeString(value.toString());
            } else {
                gen.writeString(text, 0, length);
            }
        }
    }

    private static void constant(final JsonGenerator gen, final SerializableString field, final Enum<?> value,
                                 final SerializedString[] names) throws IOException {
        gen.writeFieldName(field);
        if (value == null) {
            gen.writeNull();
        } else {
            gen.writeString(names[value.ordinal()]);
        }
    }

    private static final SerializedString RACE_ID = name("raceId");
    private static final SerializedString ATHLETE_ID = name("athleteId");
    private static final SerializedString BIB = name("bib");
    private static final SerializedString NAME = name("name");
    private static final SerializedString CATEGORY = name("category");
    private static final SerializedString PACEMAKER = name("pacemaker");
    private static final SerializedString TIMING_POINT_ID = name("timingPointId");
    private static final SerializedString LAP = name("lap");
    private static final SerializedString DISTANCE_M = name("distanceM");
    private static final SerializedString ELAPSED_MS = name("elapsedMs");
    private static final SerializedString READ_AT = name("readAt");
    private static final SerializedString SEGMENT_PACE = name("segmentPaceSecPerKm");
    private static final SerializedString AVERAGE_PACE = name("averagePaceSecPerKm");
    private static final SerializedString PROJECTED_FINISH_MS = name("projectedFinishMs");
    private static final SerializedString P10_FINISH_MS = name("p10FinishMs");
    private static final SerializedString P90_FINISH_MS = name("p90FinishMs");
    private static final SerializedString TARGET_MS = name("targetMs");
    private static final SerializedString P_TARGET = name("pTarget");
    private static final SerializedString AHEAD_OF_TARGET_MS = name("aheadOfTargetMs");
    private static final SerializedString NEXT_TIMING_POINT_ID = name("nextTimingPointId");
    private static final SerializedString NEXT_DISTANCE_M = name("nextDistanceM");
    private static final SerializedString ETA_NEXT_MS = name("etaNextMs");
    private static final SerializedString STATUS = name("status");
    private static final SerializedString ACCEPTED_SPLITS = name("acceptedSplits");
    private static final SerializedString DUPLICATE_READS = name("duplicateReads");
    private static final SerializedString DISPLAY = name("display");

    /** {@code athlete-projections} and {@code athlete-state}. */
    private static final class ProjectionWriter extends Writer<AthleteProjection> {
        private static final long serialVersionUID = 1L;

        ProjectionWriter() {
            super(AthleteProjection.class);
        }

        @Override
        void fields(final AthleteProjection p, final JsonGenerator gen) throws IOException {
            text(gen, RACE_ID, p.raceId());
            text(gen, ATHLETE_ID, p.athleteId());
            text(gen, BIB, p.bib());
            text(gen, NAME, p.name());
            text(gen, CATEGORY, p.category());
            flag(gen, PACEMAKER, p.pacemaker());
            text(gen, TIMING_POINT_ID, p.timingPointId());
            number(gen, LAP, p.lap());
            number(gen, DISTANCE_M, p.distanceM());
            number(gen, ELAPSED_MS, p.elapsedMs());
            instant(gen, READ_AT, p.readAt());
            number(gen, SEGMENT_PACE, p.segmentPaceSecPerKm());
            number(gen, AVERAGE_PACE, p.averagePaceSecPerKm());
            number(gen, PROJECTED_FINISH_MS, p.projectedFinishMs());
            number(gen, P10_FINISH_MS, p.p10FinishMs());
            number(gen, P90_FINISH_MS, p.p90FinishMs());
            number(gen, TARGET_MS, p.targetMs());
            number(gen, P_TARGET, p.pTarget());
            number(gen, AHEAD_OF_TARGET_MS, p.aheadOfTargetMs());
            text(gen, NEXT_TIMING_POINT_ID, p.nextTimingPointId());
            number(gen, NEXT_DISTANCE_M, p.nextDistanceM());
            number(gen, ETA_NEXT_MS, p.etaNextMs());
            constant(gen, STATUS, p.status(), STATUSES);
            number(gen, ACCEPTED_SPLITS, p.acceptedSplits());
            number(gen, DUPLICATE_READS, p.duplicateReads());
            gen.writeFieldName(DISPLAY);
            final AthleteProjection.Display display = p.display();
            if (display == null) {
                gen.writeNull();
            } else {
                DisplayWriter.write(display, gen);
            }
        }
    }

    private static final SerializedString ELAPSED = name("elapsed");
    private static final SerializedString AVERAGE_PACE_TEXT = name("averagePace");
    private static final SerializedString SEGMENT_PACE_TEXT = name("segmentPace");
    private static final SerializedString PROJECTED_FINISH = name("projectedFinish");
    private static final SerializedString BAND = name("band");
    private static final SerializedString TARGET = name("target");
    private static final SerializedString CHANCE = name("chance");
    private static final SerializedString VS_TARGET = name("vsTarget");
    private static final SerializedString DISTANCE = name("distance");
    private static final SerializedString TIME_OF_DAY = name("timeOfDay");

    /** A projection's {@link AthleteProjection.Display}. */
    private static final class DisplayWriter extends Writer<AthleteProjection.Display> {
        private static final long serialVersionUID = 1L;

        DisplayWriter() {
            super(AthleteProjection.Display.class);
        }

        static void write(final AthleteProjection.Display d, final JsonGenerator gen) throws IOException {
            gen.writeStartObject(d);
            fieldsOf(d, gen);
            gen.writeEndObject();
        }

        @Override
        void fields(final AthleteProjection.Display d, final JsonGenerator gen) throws IOException {
            fieldsOf(d, gen);
        }

        private static void fieldsOf(final AthleteProjection.Display d, final JsonGenerator gen) throws IOException {
            text(gen, ELAPSED, d.elapsed());
            text(gen, AVERAGE_PACE_TEXT, d.averagePace());
            text(gen, SEGMENT_PACE_TEXT, d.segmentPace());
            text(gen, PROJECTED_FINISH, d.projectedFinish());
            text(gen, BAND, d.band());
            text(gen, TARGET, d.target());
            text(gen, CHANCE, d.chance());
            text(gen, VS_TARGET, d.vsTarget());
            text(gen, DISTANCE, d.distance());
            text(gen, TIME_OF_DAY, d.timeOfDay());
        }
    }

    private static final SerializedString TYPE = name("type");
    private static final SerializedString VALUE = name("value");
    private static final SerializedString MESSAGE = name("message");

    /** {@code race-alerts}. */
    private static final class AlertWriter extends Writer<RaceAlert> {
        private static final long serialVersionUID = 1L;

        AlertWriter() {
            super(RaceAlert.class);
        }

        @Override
        void fields(final RaceAlert a, final JsonGenerator gen) throws IOException {
            constant(gen, TYPE, a.type(), ALERT_TYPES);
            text(gen, RACE_ID, a.raceId());
            text(gen, ATHLETE_ID, a.athleteId());
            text(gen, NAME, a.name());
            text(gen, CATEGORY, a.category());
            text(gen, TIMING_POINT_ID, a.timingPointId());
            number(gen, DISTANCE_M, a.distanceM());
            number(gen, ELAPSED_MS, a.elapsedMs());
            number(gen, VALUE, a.value());
            text(gen, MESSAGE, a.message());
            instant(gen, READ_AT, a.readAt());
        }
    }

    private static final SerializedString TEXT = name("text");

    /** {@code broadcast-feed}. */
    private static final class BroadcastWriter extends Writer<BroadcastLine> {
        private static final long serialVersionUID = 1L;

        BroadcastWriter() {
            super(BroadcastLine.class);
        }

        @Override
        void fields(final BroadcastLine b, final JsonGenerator gen) throws IOException {
            text(gen, RACE_ID, b.raceId());
            text(gen, ATHLETE_ID, b.athleteId());
            text(gen, TEXT, b.text());
            text(gen, TIMING_POINT_ID, b.timingPointId());
            number(gen, DISTANCE_M, b.distanceM());
            number(gen, ELAPSED_MS, b.elapsedMs());
            number(gen, PROJECTED_FINISH_MS, b.projectedFinishMs());
            number(gen, P_TARGET, b.pTarget());
            number(gen, AHEAD_OF_TARGET_MS, b.aheadOfTargetMs());
            constant(gen, STATUS, b.status(), STATUSES);
            instant(gen, READ_AT, b.readAt());
        }
    }

    private static final SerializedString CODE = name("code");
    private static final SerializedString REASON = name("reason");
    private static final SerializedString SOURCE_TOPIC = name("sourceTopic");
    private static final SerializedString PARTITION = name("partition");
    private static final SerializedString OFFSET = name("offset");
    private static final SerializedString KEY = name("key");
    private static final SerializedString VALUE_BASE64 = name("valueBase64");
    private static final SerializedString VALUE_TEXT = name("valueText");
    private static final SerializedString VALUE_SIZE = name("valueSize");
    private static final SerializedString TRUNCATED = name("truncated");

    /** {@code race-dead-letters}. */
    private static final class DeadLetterWriter extends Writer<DeadLetter> {
        private static final long serialVersionUID = 1L;

        DeadLetterWriter() {
            super(DeadLetter.class);
        }

        @Override
        void fields(final DeadLetter d, final JsonGenerator gen) throws IOException {
            constant(gen, CODE, d.code(), REASONS);
            text(gen, REASON, d.reason());
            text(gen, SOURCE_TOPIC, d.sourceTopic());
            number(gen, PARTITION, d.partition());
            number(gen, OFFSET, d.offset());
            text(gen, KEY, d.key());
            text(gen, VALUE_BASE64, d.valueBase64());
            text(gen, VALUE_TEXT, d.valueText());
            text(gen, RACE_ID, d.raceId());
            text(gen, ATHLETE_ID, d.athleteId());
            number(gen, VALUE_SIZE, d.valueSize());
            flag(gen, TRUNCATED, d.truncated());
        }
    }

    private static final SerializedString ATHLETES = name("athletes");
    private static final SerializedString ENTRIES = name("entries");
    private static final SerializedString UPDATED_AT = name("updatedAt");
    private static final SerializedString POSITION = name("position");
    private static final SerializedString GAP_MS = name("gapMs");
    private static final SerializedString GAP = name("gap");

    /** {@code race-leaderboard}. */
    private static final class LeaderboardWriter extends Writer<Leaderboard> {
        private static final long serialVersionUID = 1L;

        LeaderboardWriter() {
            super(Leaderboard.class);
        }

        @Override
        void fields(final Leaderboard b, final JsonGenerator gen) throws IOException {
            text(gen, RACE_ID, b.raceId());
            text(gen, CATEGORY, b.category());
            number(gen, ATHLETES, b.athletes());
            gen.writeFieldName(ENTRIES);
            final List<Leaderboard.Entry> entries = b.entries();
            if (entries == null) {
                gen.writeNull();
            } else {
                gen.writeStartArray(entries, entries.size());
                for (final Leaderboard.Entry entry : entries) {
                    if (entry == null) {
                        gen.writeNull();
                    } else {
                        EntryWriter.write(entry, gen);
                    }
                }
                gen.writeEndArray();
            }
            instant(gen, UPDATED_AT, b.updatedAt());
        }
    }

    /** One position of a {@link Leaderboard}. */
    private static final class EntryWriter extends Writer<Leaderboard.Entry> {
        private static final long serialVersionUID = 1L;

        EntryWriter() {
            super(Leaderboard.Entry.class);
        }

        static void write(final Leaderboard.Entry e, final JsonGenerator gen) throws IOException {
            gen.writeStartObject(e);
            fieldsOf(e, gen);
            gen.writeEndObject();
        }

        @Override
        void fields(final Leaderboard.Entry e, final JsonGenerator gen) throws IOException {
            fieldsOf(e, gen);
        }

        private static void fieldsOf(final Leaderboard.Entry e, final JsonGenerator gen) throws IOException {
            number(gen, POSITION, e.position());
            text(gen, ATHLETE_ID, e.athleteId());
            text(gen, BIB, e.bib());
            text(gen, NAME, e.name());
            text(gen, CATEGORY, e.category());
            text(gen, TIMING_POINT_ID, e.timingPointId());
            number(gen, DISTANCE_M, e.distanceM());
            number(gen, ELAPSED_MS, e.elapsedMs());
            number(gen, GAP_MS, e.gapMs());
            text(gen, GAP, e.gap());
            number(gen, PROJECTED_FINISH_MS, e.projectedFinishMs());
            number(gen, P_TARGET, e.pTarget());
            constant(gen, STATUS, e.status(), STATUSES);
        }
    }

    private static final SerializedString FINISH_MS = name("finishMs");
    private static final SerializedString FINISH_TIME = name("finishTime");
    private static final SerializedString PLACE = name("place");
    private static final SerializedString CATEGORY_PLACE = name("categoryPlace");

    /** {@code race-results}. */
    private static final class ResultWriter extends Writer<RaceResult> {
        private static final long serialVersionUID = 1L;

        ResultWriter() {
            super(RaceResult.class);
        }

        @Override
        void fields(final RaceResult r, final JsonGenerator gen) throws IOException {
            text(gen, RACE_ID, r.raceId());
            text(gen, ATHLETE_ID, r.athleteId());
            text(gen, BIB, r.bib());
            text(gen, NAME, r.name());
            text(gen, CATEGORY, r.category());
            number(gen, FINISH_MS, r.finishMs());
            text(gen, FINISH_TIME, r.finishTime());
            number(gen, PLACE, r.place());
            number(gen, CATEGORY_PLACE, r.categoryPlace());
        }
    }
}
