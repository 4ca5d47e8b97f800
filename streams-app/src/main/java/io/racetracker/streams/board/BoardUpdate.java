package io.racetracker.streams.board;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.topic.Keys;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * An athlete's latest state as the race boards need it, on the internal {@code board-updates} repartition topic
 * (keyed by race id, so that one race's boards live in one task).
 */
public record BoardUpdate(
        String raceId,
        String athleteId,
        String bib,
        String name,
        String category,
        boolean pacemaker,
        String crossingId,
        String timingPointId,
        double distanceM,
        long elapsedMs,
        long projectedFinishMs,
        double pTarget,
        AthleteStatus status,
        Instant readAt) {

    public static BoardUpdate of(final AthleteProjection p) {
        final String crossing = Keys.crossing(p.timingPointId(), p.lap());
        return new BoardUpdate(p.raceId(), p.athleteId(), p.bib(), p.name(), p.category(), p.pacemaker(), crossing, p.timingPointId(),
                p.distanceM(), p.elapsedMs(), p.projectedFinishMs(), p.pTarget(), p.status(), p.readAt());
    }

    /**
     * The same athlete taken off every board: the race's boards take a disqualification as that (their results
     * withdrawn, everyone behind moved up), and an update after it puts them back as a new athlete.
     */
    BoardUpdate offTheBoards() {
        return new BoardUpdate(raceId, athleteId, bib, name, category, pacemaker, crossingId, timingPointId, distanceM,
                elapsedMs, projectedFinishMs, pTarget, AthleteStatus.DSQ, readAt);
    }

    /**
     * This update holding the earlier one's athlete id, bib and name where they are the same texts, so that an update
     * kept on a board does not keep a second copy of them; itself when none of them is.
     */
    BoardUpdate withTextsOf(final BoardUpdate earlier) {
        final String keptId = athleteId.equals(earlier.athleteId) ? earlier.athleteId : athleteId;
        final String keptBib = Objects.equals(bib, earlier.bib) ? earlier.bib : bib;
        final String keptName = Objects.equals(name, earlier.name) ? earlier.name : name;
        if (keptId == athleteId && keptBib == bib && keptName == name) {
            return this;
        }
        return new BoardUpdate(raceId, keptId, keptBib, keptName, category, pacemaker, crossingId, timingPointId,
                distanceM, elapsedMs, projectedFinishMs, pTarget, status, readAt);
    }

    boolean disqualified() {
        return status == AthleteStatus.DSQ;
    }

    boolean finished() {
        return status == AthleteStatus.FINISHED;
    }

    /** Leaderboard order: furthest first (to the decimetre), then fastest there; the athlete id breaks ties. */
    static final Comparator<BoardUpdate> RANK = (a, b) -> {
        final int further = furtherFirst(a.distanceM(), b.distanceM());
        if (further != 0) {
            return further;
        }
        final int faster = Long.compare(a.elapsedMs(), b.elapsedMs());
        return faster != 0 ? faster : a.athleteId().compareTo(b.athleteId());
    };

    /**
     * Furthest first, to the decimetre. Rounding to the decimetre keeps the order of the distances and can only make
     * two of them equal when they lie less than a decimetre apart: two decimetres apart or more (room for the rounding
     * of {@code distance * 10}), the distances themselves decide, without rounding either, as they mostly do: a
     * board's order is asked for many times per update.
     */
    static int furtherFirst(final double a, final double b) {
        if (a == b) {
            return 0;
        }
        if (Math.abs(a - b) >= 0.2) {
            return a > b ? -1 : 1;
        }
        return Long.compare(-Math.round(a * 10), -Math.round(b * 10));
    }
}
