package io.racetracker.streams.athlete;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Sex;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.json.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The {@code athlete-splits} store's values in a compact binary form, read and written on every read the tracker
 * takes: a version byte, then every field in a fixed order, strings as UTF-8 with their length, numbers as
 * variable-length integers or 8-byte doubles, and a split's race, athlete and bib left out where they are the ones
 * before it (they nearly always are), instants to the millisecond as version 1 kept them. No field names, no object
 * graph built to read it, a few dozen bytes a split.
 *
 * <p>Version 1 was Smile (Jackson's binary JSON, starting {@code :)\n}); a store or changelog written by it still
 * reads, and is written back in version 2. The formats are pinned by golden bytes ({@code PersistedFormatsTest}).
 */
public final class AthleteHistorySerde implements Serde<AthleteHistory>, Serializer<AthleteHistory>,
        Deserializer<AthleteHistory> {
    static final byte VERSION = 2;
    private static final byte RACE_AS_BEFORE = 1;
    private static final byte ATHLETE_AS_BEFORE = 2;
    private static final byte BIB_AS_BEFORE = 4;
    private static final Sex[] SEXES = Sex.values();
    /** Race ids, timing point ids, categories, countries and waves: the same few in every history. */
    private static final SharedTexts SHARED = new SharedTexts();

    private final JsonSerde<AthleteHistory> version1 = JsonSerde.internal(AthleteHistory.class);
    /**
     * Each thread's buffer, written again for every value: one serde serves every task's store, and the stream
     * threads take it in turns only per value; the value handed out is a copy of exactly its bytes.
     */
    private final ThreadLocal<Writer> writers = ThreadLocal.withInitial(() -> new Writer(1024));

    @Override
    public byte[] serialize(final String topic, final AthleteHistory history) {
        if (history == null) {
            return null;
        }
        final Writer out = writers.get();
        out.size = 0;
        out.room(1);
        out.bytes[out.size++] = VERSION;
        writeAthlete(out, history.athlete());
        out.varint(history.splits().size());
        String race = history.athlete() == null ? null : history.athlete().raceId();
        String athlete = history.athlete() == null ? null : history.athlete().athleteId();
        String bib = history.athlete() == null ? null : history.athlete().bib();
        for (final SplitEvent split : history.splits()) {
            final int flags = (Objects.equals(split.raceId(), race) ? RACE_AS_BEFORE : 0)
                    | (Objects.equals(split.athleteId(), athlete) ? ATHLETE_AS_BEFORE : 0)
                    | (Objects.equals(split.bib(), bib) ? BIB_AS_BEFORE : 0);
            out.varint(flags);
            if ((flags & RACE_AS_BEFORE) == 0) {
                out.string(split.raceId());
            }
            if ((flags & ATHLETE_AS_BEFORE) == 0) {
                out.string(split.athleteId());
            }
            if ((flags & BIB_AS_BEFORE) == 0) {
                out.string(split.bib());
            }
            race = split.raceId();
            athlete = split.athleteId();
            bib = split.bib();
            out.string(split.timingPointId());
            out.float64(split.distanceM());
            out.optionalLong(split.lap() == null ? null : split.lap().longValue());
            out.varlong(split.elapsedMs());
            out.instant(split.readAt());
            out.optionalLong(split.gunElapsedMs());
        }
        out.varlong(history.duplicates());
        out.bool(history.dnf());
        out.bool(history.lastBroadcastAt() != null);
        if (history.lastBroadcastAt() != null) {
            out.instant(history.lastBroadcastAt());
        }
        final AthleteHistory.Standing standing = history.standing();
        out.bool(standing != null);
        if (standing != null) {
            out.float64(standing.pTarget());
            out.varlong(standing.aheadOfTargetMs());
            out.varlong(standing.projectedFinishMs());
        }
        out.varint(history.held().size());
        for (final AthleteHistory.Held held : history.held()) {
            out.varint(held.raw().length);
            out.raw(held.raw());
            out.varint(held.partition());
            out.varlong(held.offset());
        }
        out.bool(history.disqualified());
        out.bool(history.overrides() != null);
        if (history.overrides() != null) {
            out.string(history.overrides().category());
            out.string(history.overrides().wave());
        }
        return Arrays.copyOf(out.bytes, out.size);
    }

    @Override
    public AthleteHistory deserialize(final String topic, final byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length == 0 || data[0] != VERSION) {
            return version1.deserialize(topic, data);
        }
        try {
            return read(new Reader(data));
        } catch (final RuntimeException e) {
            throw new SerializationException("cannot read an athlete's history (" + data.length + " bytes, version "
                    + VERSION + "): " + e.getMessage(), e);
        }
    }

    private static AthleteHistory read(final Reader in) {
        final Athlete athlete = readAthlete(in);
        final int count = in.varint();
        final List<SplitEvent> splits = new ArrayList<>(count);
        String race = athlete == null ? null : athlete.raceId();
        String athleteId = athlete == null ? null : athlete.athleteId();
        String bib = athlete == null ? null : athlete.bib();
        for (int i = 0; i < count; i++) {
            final int flags = in.varint();
            race = (flags & RACE_AS_BEFORE) != 0 ? race : in.shared();
            athleteId = (flags & ATHLETE_AS_BEFORE) != 0 ? athleteId : in.string();
            bib = (flags & BIB_AS_BEFORE) != 0 ? bib : in.string();
            final String point = in.shared();
            final double distanceM = in.float64();
            final Long lap = in.optionalLong();
            final long elapsedMs = in.varlong();
            final Instant readAt = in.instant();
            final Long gunElapsedMs = in.optionalLong();
            splits.add(new SplitEvent(race, athleteId, bib, point, distanceM, lap == null ? null : lap.intValue(),
                    elapsedMs, readAt, gunElapsedMs));
        }
        final long duplicates = in.varlong();
        final boolean dnf = in.bool();
        final Instant lastBroadcastAt = in.bool() ? in.instant() : null;
        final AthleteHistory.Standing standing = in.bool()
                ? new AthleteHistory.Standing(in.float64(), in.varlong(), in.varlong()) : null;
        final int heldCount = in.varint();
        final List<AthleteHistory.Held> held = new ArrayList<>(heldCount);
        for (int i = 0; i < heldCount; i++) {
            held.add(new AthleteHistory.Held(in.raw(in.varint()), in.varint(), in.varlong()));
        }
        final boolean disqualified = in.bool();
        final AthleteHistory.Overrides overrides = in.bool() ? new AthleteHistory.Overrides(in.string(), in.string()) : null;
        if (in.position != in.bytes.length) {
            throw new IllegalStateException((in.bytes.length - in.position) + " bytes left over");
        }
        return new AthleteHistory(athlete, splits, duplicates, dnf, lastBroadcastAt, standing, held, disqualified,
                overrides);
    }

    private static void writeAthlete(final Writer out, final Athlete athlete) {
        out.bool(athlete != null);
        if (athlete == null) {
            return;
        }
        out.string(athlete.athleteId());
        out.string(athlete.raceId());
        out.string(athlete.bib());
        out.string(athlete.name());
        out.string(athlete.country());
        out.varint(athlete.sex() == null ? 0 : athlete.sex().ordinal() + 1);
        out.string(athlete.category());
        out.optionalLong(athlete.age() == null ? null : athlete.age().longValue());
        out.optionalLong(athlete.targetMs());
        out.bool(athlete.pacemaker());
        out.string(athlete.chip());
        out.string(athlete.wave());
    }

    private static Athlete readAthlete(final Reader in) {
        if (!in.bool()) {
            return null;
        }
        final String athleteId = in.string();
        final String raceId = in.shared();
        final String bib = in.string();
        final String name = in.string();
        final String country = in.shared();
        final int sex = in.varint();
        final String category = in.shared();
        final Long age = in.optionalLong();
        final Long targetMs = in.optionalLong();
        final boolean pacemaker = in.bool();
        final String chip = in.string();
        final String wave = in.shared();
        return new Athlete(athleteId, raceId, bib, name, country, sex == 0 ? null : SEXES[sex - 1], category,
                age == null ? null : age.intValue(), targetMs, pacemaker, chip, wave);
    }

    @Override
    public Serializer<AthleteHistory> serializer() {
        return this;
    }

    @Override
    public Deserializer<AthleteHistory> deserializer() {
        return this;
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        // nothing to configure
    }

    @Override
    public void close() {
        // nothing held
    }

    /** A growing byte array; strings are written as (UTF-8 length + 1), 0 for null, then their bytes. */
    private static final class Writer {
        private byte[] bytes;
        private int size;

        Writer(final int capacity) {
            this.bytes = new byte[capacity];
        }

        private void room(final int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        void bool(final boolean value) {
            room(1);
            bytes[size++] = (byte) (value ? 1 : 0);
        }

        void varint(final int value) {
            varlong(value & 0xFFFFFFFFL);
        }

        /** Zig-zag, then seven bits a byte, low first. */
        void varlong(final long value) {
            long v = (value << 1) ^ (value >> 63);
            room(10);
            while ((v & ~0x7FL) != 0) {
                bytes[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            bytes[size++] = (byte) v;
        }

        void optionalLong(final Long value) {
            bool(value != null);
            if (value != null) {
                varlong(value);
            }
        }

        void float64(final double value) {
            final long bits = Double.doubleToRawLongBits(value);
            room(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (bits >>> shift);
            }
        }

        /** To the millisecond, as the first version (ISO text in Smile) kept it. */
        void instant(final Instant value) {
            varlong(value.toEpochMilli());
        }

        void string(final String value) {
            if (value == null) {
                varint(0);
                return;
            }
            final int length = value.length();
            if (isAscii(value, length)) {
                // ASCII is its own UTF-8: one byte a char, no encoded copy made first
                varint(length + 1);
                room(length);
                for (int i = 0; i < length; i++) {
                    bytes[size++] = (byte) value.charAt(i);
                }
                return;
            }
            final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length + 1);
            raw(utf8);
        }

        private static boolean isAscii(final String value, final int length) {
            for (int i = 0; i < length; i++) {
                if (value.charAt(i) >= 0x80) {
                    return false;
                }
            }
            return true;
        }

        void raw(final byte[] value) {
            room(value.length);
            System.arraycopy(value, 0, bytes, size, value.length);
            size += value.length;
        }
    }

    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(final byte[] bytes) {
            this.bytes = bytes;
            this.position = 1;
        }

        boolean bool() {
            final byte b = bytes[position++];
            if (b != 0 && b != 1) {
                throw new IllegalStateException("a flag of " + b + " at byte " + (position - 1));
            }
            return b == 1;
        }

        int varint() {
            final long v = varlong();
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new IllegalStateException("a count of " + v + " at byte " + position);
            }
            return (int) v;
        }

        long varlong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                final byte b = bytes[position++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return (v >>> 1) ^ -(v & 1);
                }
            }
            throw new IllegalStateException("a number longer than 10 bytes at byte " + position);
        }

        Long optionalLong() {
            return bool() ? varlong() : null;
        }

        double float64() {
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits = (bits << 8) | (bytes[position++] & 0xFF);
            }
            return Double.longBitsToDouble(bits);
        }

        Instant instant() {
            return Instant.ofEpochMilli(varlong());
        }

        String string() {
            final int length = varint();
            if (length == 0) {
                return null;
            }
            final String value = new String(bytes, position, length - 1, StandardCharsets.UTF_8);
            position += length - 1;
            return value;
        }

        /** A text of the few that every history repeats (race, mat, category...), shared rather than made anew. */
        String shared() {
            final int length = varint();
            if (length == 0) {
                return null;
            }
            if (length - 1 > bytes.length - position) {
                throw new IllegalStateException((length - 1) + " bytes wanted at byte " + position + " of " + bytes.length);
            }
            final String value = SHARED.text(bytes, position, length - 1);
            position += length - 1;
            return value;
        }

        byte[] raw(final int length) {
            if (length > bytes.length - position) {
                throw new IllegalStateException(length + " bytes wanted at byte " + position + " of " + bytes.length);
            }
            final byte[] value = Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return value;
        }
    }
}
