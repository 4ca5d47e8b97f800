package io.racetracker.streams.board;

import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.json.JsonSerde;
import io.racetracker.streams.codec.CompactReader;
import io.racetracker.streams.codec.CompactWriter;
import io.racetracker.streams.codec.SharedTexts;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Board updates on the {@code board-updates} repartition topic and in the race boards' athletes store, in the compact
 * binary form ({@link CompactWriter}): a version byte, then the fields in the record's order, the race, category, mat
 * and crossing shared texts, the instant to the millisecond as version 1 kept it. Written and read for each update
 * that can change a board: no field names, no generator or parser made for it.
 *
 * <p>Version 1 was Smile (Jackson's binary JSON, starting {@code :)\n}); a topic or store written by it still reads.
 * The formats are pinned by golden bytes ({@code PersistedFormatsTest}).
 */
public final class BoardUpdateSerde implements Serde<BoardUpdate>, Serializer<BoardUpdate>, Deserializer<BoardUpdate> {
    static final byte VERSION = 2;
    private static final AthleteStatus[] STATUSES = AthleteStatus.values();
    private static final SharedTexts SHARED = new SharedTexts();

    private final JsonSerde<BoardUpdate> version1 = JsonSerde.internal(BoardUpdate.class);
    private final ThreadLocal<CompactWriter> writers = CompactWriter.perThread();

    @Override
    public byte[] serialize(final String topic, final BoardUpdate update) {
        if (update == null) {
            return null;
        }
        final CompactWriter out = writers.get().start(VERSION);
        out.string(update.raceId());
        out.string(update.athleteId());
        out.string(update.bib());
        out.string(update.name());
        out.string(update.category());
        out.bool(update.pacemaker());
        out.string(update.crossingId());
        out.string(update.timingPointId());
        out.float64(update.distanceM());
        out.varlong(update.elapsedMs());
        out.varlong(update.projectedFinishMs());
        out.float64(update.pTarget());
        out.constant(update.status());
        out.bool(update.readAt() != null);
        if (update.readAt() != null) {
            out.instant(update.readAt());
        }
        return out.toByteArray();
    }

    @Override
    public BoardUpdate deserialize(final String topic, final byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length == 0 || data[0] != VERSION) {
            return version1.deserialize(topic, data);
        }
        try {
            final CompactReader in = new CompactReader(data);
            final BoardUpdate update = new BoardUpdate(in.shared(SHARED), in.string(), in.string(), in.string(),
                    in.shared(SHARED), in.bool(), in.shared(SHARED), in.shared(SHARED), in.float64(), in.varlong(),
                    in.varlong(), in.float64(), in.constant(STATUSES), in.bool() ? in.instant() : null);
            in.end();
            return update;
        } catch (final RuntimeException e) {
            throw new SerializationException("cannot read a board update (" + data.length + " bytes, version " + VERSION
                    + "): " + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<BoardUpdate> serializer() {
        return this;
    }

    @Override
    public Deserializer<BoardUpdate> deserializer() {
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
}
