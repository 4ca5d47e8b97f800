package io.racetracker.core.event;

import java.time.Instant;

/**
 * A graphics-ready line for live broadcast: the value on {@code broadcast-feed}, keyed by athlete id, at most one
 * per athlete per rate-limit interval of race time (finishes always).
 *
 * @param text for the screen, e.g. {@code KIPCHOGE 1:59:43 PROJ - 87% SUB-2:00 - +11 s AT HALF}
 */
public record BroadcastLine(
        String raceId,
        String athleteId,
        String text,
        String timingPointId,
        double distanceM,
        long elapsedMs,
        long projectedFinishMs,
        double pTarget,
        long aheadOfTargetMs,
        AthleteStatus status,
        Instant readAt) implements RaceOutput {
}
