package io.racetracker.core.event;

import io.racetracker.core.topic.Keys;
import java.time.Instant;
import java.util.List;

/**
 * Positions in one race and category: the value on the compacted {@code race-leaderboard} topic, keyed
 * {@code raceId/category} ({@code raceId/ALL} for the whole race). Athletes are ordered by the furthest mat
 * reached, then by chip time there; pacemakers are left out.
 *
 * @param raceId     race
 * @param category   category, or {@code ALL}
 * @param athletes   athletes on the board (all of them, up to the configured size)
 * @param entries    the leading positions
 * @param updatedAt  wall-clock time of the latest read reflected here
 */
public record Leaderboard(String raceId, String category, int athletes, List<Entry> entries, Instant updatedAt) implements RaceOutput {

    public static String key(final String raceId, final String category) {
        return Keys.leaderboard(raceId, category);
    }

    /**
     * One position.
     *
     * @param gapMs chip-time gap to the leader at this athlete's latest mat (0 for the leader there)
     */
    public record Entry(
            int position,
            String athleteId,
            String bib,
            String name,
            String category,
            String timingPointId,
            double distanceM,
            long elapsedMs,
            long gapMs,
            String gap,
            long projectedFinishMs,
            double pTarget,
            AthleteStatus status) {
    }
}
