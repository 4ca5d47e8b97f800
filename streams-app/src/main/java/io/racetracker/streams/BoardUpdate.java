package io.racetracker.streams;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.AthleteStatus;
import java.time.Instant;

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

    static BoardUpdate of(final AthleteProjection p) {
        final String crossing = p.lap() == null ? p.timingPointId() : p.timingPointId() + "#" + p.lap();
        return new BoardUpdate(p.raceId(), p.athleteId(), p.bib(), p.name(), p.category(), p.pacemaker(), crossing, p.timingPointId(),
                p.distanceM(), p.elapsedMs(), p.projectedFinishMs(), p.pTarget(), p.status(), p.readAt());
    }

    boolean finished() {
        return status == AthleteStatus.FINISHED;
    }

    /** Sorts furthest first, then fastest there: the order of a leaderboard. */
    String rankKey() {
        final StringBuilder key = new StringBuilder(24 + athleteId.length());
        padded(key, 999_999_999L - Math.round(distanceM * 10), 9).append('|');
        return padded(key, elapsedMs, 12).append('|').append(athleteId).toString();
    }

    /** Zero-padded to a fixed width, so that the keys sort as numbers; on the hot path, so no String.format. */
    private static StringBuilder padded(final StringBuilder key, final long value, final int width) {
        final String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            key.append('0');
        }
        return key.append(digits);
    }
}
