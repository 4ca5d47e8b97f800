package io.racetracker.core.event;

import java.time.Instant;

/**
 * Something a commentator would call out: the value on {@code race-alerts}, keyed by the athlete it is about.
 *
 * @param type      what happened
 * @param raceId    race
 * @param athleteId athlete the alert is about (for a lead change, the new leader)
 * @param name      athlete's name
 * @param category  athlete's category (for race-level alerts, the board's category, {@code ALL} for the race)
 * @param timingPointId mat where it happened (null for a did-not-finish)
 * @param distanceM metres from the start where it happened
 * @param elapsedMs athlete's chip time there
 * @param value     the figure behind the alert: P(target) for a chance alert, the gap in ms for a break-away,
 *                  the projected finish for record pace, the finish time for a finish; null otherwise
 * @param message   one line for a person
 * @param readAt    wall-clock time of the read that raised it
 */
public record RaceAlert(
        Type type,
        String raceId,
        String athleteId,
        String name,
        String category,
        String timingPointId,
        double distanceM,
        long elapsedMs,
        Double value,
        String message,
        Instant readAt) implements RaceOutput {

    /** Kinds of alert. */
    public enum Type {
        /** P(target) rose above a threshold. */
        TARGET_CHANCE_UP,
        /** P(target) fell below a threshold. */
        TARGET_CHANCE_DOWN,
        /** Fell behind an even target schedule. */
        OFF_TARGET_PACE,
        /** Back ahead of an even target schedule. */
        BACK_ON_TARGET_PACE,
        /** Projected finish under the course record. */
        RECORD_PACE,
        /** A new leader at the front of a race or category. */
        LEAD_CHANGE,
        /** The leader's gap to second reached the break-away threshold. */
        BREAKAWAY,
        /** Crossed the finish. */
        FINISH,
        /** Silent for too long: did not finish. */
        DID_NOT_FINISH
    }
}
