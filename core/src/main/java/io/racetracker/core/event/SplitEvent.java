package io.racetracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.racetracker.core.topic.Keys;
import java.time.Instant;
import java.util.Objects;

/**
 * One chip read at a timing mat: the unit of input on {@code race-splits}, keyed by {@link #key()}
 * ({@code raceId/athleteId}).
 *
 * @param raceId        race the read belongs to, e.g. {@code vienna-2019}
 * @param athleteId     the athlete's id in this race; with the race it is the record key, so one athlete's reads stay in
 *                      order on one partition
 * @param bib           race number as printed on the bib
 * @param timingPointId the mat, e.g. {@code 25K} or {@code LOOP}; with {@link #lap()} it names one crossing
 * @param distanceM     distance from the start line in metres at this crossing
 * @param lap           lap number on lap courses (1-based), null on point-to-point courses
 * @param elapsedMs     chip time: milliseconds since this athlete crossed the start mat
 * @param readAt        wall-clock time the mat read the chip
 * @param gunElapsedMs  gun time: milliseconds since the athlete's wave started, when the timing system knows it;
 *                      null otherwise
 */
public record SplitEvent(
        @JsonProperty(required = true) String raceId,
        @JsonProperty(required = true) String athleteId,
        String bib,
        @JsonProperty(required = true) String timingPointId,
        @JsonProperty(required = true) double distanceM,
        Integer lap,
        @JsonProperty(required = true) long elapsedMs,
        @JsonProperty(required = true) Instant readAt,
        Long gunElapsedMs) {

    public SplitEvent {
        Contract.requireRaceId(raceId, "raceId");
        Contract.requireText(athleteId, "athleteId");
        Contract.requireText(timingPointId, "timingPointId");
        Contract.requireDistance(distanceM, "distanceM");
        Contract.requireLap(lap, "lap");
        Contract.requireNonNegative(elapsedMs, "elapsedMs");
        Objects.requireNonNull(readAt, "readAt is required (ISO-8601 instant)");
        if (gunElapsedMs != null) {
            Contract.requireNonNegative(gunElapsedMs, "gunElapsedMs");
        }
    }

    /** A read without gun time. */
    public SplitEvent(final String raceId, final String athleteId, final String bib, final String timingPointId,
                      final double distanceM, final Integer lap, final long elapsedMs, final Instant readAt) {
        this(raceId, athleteId, bib, timingPointId, distanceM, lap, elapsedMs, readAt, null);
    }

    /** The record key on {@code race-splits}: {@code raceId/athleteId}. */
    @JsonIgnore
    public String key() {
        return Keys.athlete(raceId, athleteId);
    }

    /** The crossing this read reports: one athlete crosses one mat once per lap. */
    public String crossingId() {
        return Keys.crossing(timingPointId, lap);
    }
}
