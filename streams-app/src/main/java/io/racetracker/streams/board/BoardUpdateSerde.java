package io.racetracker.streams.board;

import io.racetracker.core.event.AthleteStatus;
import io.racetracker.streams.codec.CompactReader;
import io.racetracker.streams.codec.CompactSerde;
import io.racetracker.streams.codec.CompactWriter;
import io.racetracker.streams.codec.SharedTexts;

/**
 * Board updates on the {@code board-updates} repartition topic and in the race boards' athletes store, in the compact
 * binary form ({@link CompactWriter}): a version byte, then the fields in the record's order, the race, category, mat
 * and crossing shared texts, the instant to the millisecond as version 1 kept it. Written and read for each update
 * that can change a board: no field names, no generator or parser made for it.
 *
 * <p>A topic or store written in version 1 (Smile) still reads. The formats are pinned by golden bytes
 * ({@code PersistedFormatsTest}).
 */
public final class BoardUpdateSerde extends CompactSerde<BoardUpdate> {
    private static final AthleteStatus[] STATUSES = AthleteStatus.values();
    private static final SharedTexts SHARED = new SharedTexts();

    public BoardUpdateSerde() {
        super(BoardUpdate.class, "a board update");
    }

    @Override
    protected void write(final CompactWriter out, final BoardUpdate update) {
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
    }

    @Override
    protected BoardUpdate read(final CompactReader in) {
        return new BoardUpdate(in.shared(SHARED), in.string(), in.string(), in.string(), in.shared(SHARED), in.bool(),
                in.shared(SHARED), in.shared(SHARED), in.float64(), in.varlong(), in.varlong(), in.float64(),
                in.constant(STATUSES), in.bool() ? in.instant() : null);
    }
}
