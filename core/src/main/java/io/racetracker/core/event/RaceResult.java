package io.racetracker.core.event;

/**
 * An athlete's result: the value on the compacted {@code race-results} topic, keyed by athlete id. Places are by
 * chip time among the finishers known when the athlete finished (pacemakers excluded); a runner of a later wave
 * with a faster chip time can still move ahead, and the leaderboard shows the current order.
 *
 * @param finishMs      chip time at the finish
 * @param place         place in the race
 * @param categoryPlace place in the athlete's category; 0 when the category has no board (a race has at most
 *                      {@code race.tracker.leaderboard.max.categories} category boards)
 */
public record RaceResult(
        String raceId,
        String athleteId,
        String bib,
        String name,
        String category,
        long finishMs,
        String finishTime,
        int place,
        int categoryPlace) implements RaceOutput {
}
