package io.racetracker.core.event;

import java.time.Instant;

/**
 * What the tracker knows about one athlete after one accepted split: the value on {@code athlete-projections}
 * (one per split) and {@code athlete-state} (latest per athlete), keyed by athlete id. Durations are
 * milliseconds, distances metres and paces seconds per kilometre; {@link #display()} repeats the headline
 * figures as a person reads them (H:MM:SS, min/km or min/mi as the race has it, the race's local time of day).
 *
 * @param pacemaker           true for pacemakers, who are tracked but left off leaderboards and results
 * @param segmentPaceSecPerKm pace since the previous accepted split (or the start)
 * @param averagePaceSecPerKm pace since the start
 * @param projectedFinishMs   median projected finish time (chip time)
 * @param p10FinishMs         10th percentile of the finish time: 1 in 10 athletes in this spot finish faster
 * @param p90FinishMs         90th percentile of the finish time
 * @param targetMs            the target this athlete is measured against
 * @param pTarget             probability of finishing under {@code targetMs}
 * @param aheadOfTargetMs     time ahead of (positive) or behind (negative) an even target schedule at this distance
 * @param nextTimingPointId   the next mat on the course, null after the finish
 * @param etaNextMs           projected chip time at the next mat, null after the finish
 * @param acceptedSplits      splits accepted for this athlete so far
 * @param duplicateReads      reads of an already-counted crossing, counted once and reported here
 */
public record AthleteProjection(
        String raceId,
        String athleteId,
        String bib,
        String name,
        String category,
        boolean pacemaker,
        String timingPointId,
        Integer lap,
        double distanceM,
        long elapsedMs,
        Instant readAt,
        double segmentPaceSecPerKm,
        double averagePaceSecPerKm,
        long projectedFinishMs,
        long p10FinishMs,
        long p90FinishMs,
        long targetMs,
        double pTarget,
        long aheadOfTargetMs,
        String nextTimingPointId,
        Double nextDistanceM,
        Long etaNextMs,
        AthleteStatus status,
        int acceptedSplits,
        long duplicateReads,
        Display display) implements RaceOutput {

    /** The same projection with the athlete's current counts of accepted splits and duplicate reads. */
    public AthleteProjection withCounts(final int accepted, final long duplicates) {
        if (accepted == acceptedSplits && duplicates == duplicateReads) {
            return this;
        }
        return new AthleteProjection(raceId, athleteId, bib, name, category, pacemaker, timingPointId, lap, distanceM, elapsedMs,
                readAt, segmentPaceSecPerKm, averagePaceSecPerKm, projectedFinishMs, p10FinishMs, p90FinishMs,
                targetMs, pTarget, aheadOfTargetMs, nextTimingPointId, nextDistanceM, etaNextMs, status, accepted,
                duplicates, display);
    }

    /** The same projection with another status. */
    public AthleteProjection withStatus(final AthleteStatus newStatus) {
        return new AthleteProjection(raceId, athleteId, bib, name, category, pacemaker, timingPointId, lap, distanceM, elapsedMs,
                readAt, segmentPaceSecPerKm, averagePaceSecPerKm, projectedFinishMs, p10FinishMs, p90FinishMs,
                targetMs, pTarget, aheadOfTargetMs, nextTimingPointId, nextDistanceM, etaNextMs, newStatus,
                acceptedSplits, duplicateReads, display);
    }

    /**
     * The headline figures as a commentator reads them, in the race's units ({@code min/km} or {@code min/mi}) and
     * local time.
     *
     * @param distance  distance covered, e.g. {@code 25.0 km} or {@code 15.5 mi}
     * @param timeOfDay when the mat read the chip, on the race's local clock, {@code HH:MM:SS}
     */
    public record Display(
            String elapsed,
            String averagePace,
            String segmentPace,
            String projectedFinish,
            String band,
            String target,
            String chance,
            String vsTarget,
            String distance,
            String timeOfDay) {
    }
}
