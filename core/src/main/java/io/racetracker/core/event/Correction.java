package io.racetracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.racetracker.core.topic.Keys;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * An operator's correction of one athlete's race: the value on the append-only {@code race-corrections} topic, keyed
 * {@code raceId/athleteId} (co-partitioned with the reads, so the athlete's task applies it in order with them). The
 * tracker recomputes the athlete's state, results and boards from the corrected history; the topic is the record of
 * who changed what, when and why.
 *
 * @param correctionId  unique id, for the record
 * @param type          what is corrected
 * @param timingPointId the mat, for {@link Type#VOID_READ} and {@link Type#MANUAL_TIME}
 * @param lap           the lap on lap courses
 * @param elapsedMs     the chip time entered by hand, for {@link Type#MANUAL_TIME}
 * @param category      the new category, for {@link Type#CHANGE_CATEGORY}
 * @param wave          the new start wave, for {@link Type#CHANGE_WAVE}
 * @param reason        why, in the operator's words (required)
 * @param operator      who (required)
 * @param at            when it was entered
 */
public record Correction(
        @JsonProperty(required = true) String correctionId,
        @JsonProperty(required = true) Type type,
        @JsonProperty(required = true) String raceId,
        @JsonProperty(required = true) String athleteId,
        String timingPointId,
        Integer lap,
        Long elapsedMs,
        String category,
        String wave,
        @JsonProperty(required = true) String reason,
        @JsonProperty(required = true) String operator,
        @JsonProperty(required = true) Instant at) {

    /** What an operator can correct. */
    public enum Type {
        /** Take back an accepted read: a read that cannot be right (a chip on the wrong runner, a mat's bad time). */
        VOID_READ,
        /** Enter a time by hand at a mat: a missed finish read, taken from a video or a backup system. */
        MANUAL_TIME,
        /** Disqualify the athlete: off every board, no result. */
        DISQUALIFY,
        /** Undo a disqualification. */
        REINSTATE,
        /** Move the athlete to another category (their boards and category place). */
        CHANGE_CATEGORY,
        /** Move the athlete to another start wave. */
        CHANGE_WAVE
    }

    public Correction {
        Contract.requireText(correctionId, "correctionId");
        Objects.requireNonNull(type, "type is required: " + Arrays.toString(Type.values()));
        Contract.requireRaceId(raceId, "raceId");
        Contract.requireText(athleteId, "athleteId");
        Contract.requireText(reason, "reason");
        Contract.requireText(operator, "operator");
        Objects.requireNonNull(at, "at is required (ISO-8601 instant)");
        Contract.requireLap(lap, "lap");
        switch (type) {
            case VOID_READ -> Contract.requireText(timingPointId, "timingPointId");
            case MANUAL_TIME -> {
                Contract.requireText(timingPointId, "timingPointId");
                if (elapsedMs == null || elapsedMs <= 0) {
                    throw new IllegalArgumentException("elapsedMs must be > 0 for a time entered by hand (was "
                            + elapsedMs + ")");
                }
            }
            case CHANGE_CATEGORY -> Contract.requireText(category, "category");
            case CHANGE_WAVE -> Contract.requireText(wave, "wave");
            default -> {
                // nothing else needed
            }
        }
    }

    /** The record key on {@code race-corrections}: {@code raceId/athleteId}. */
    @JsonIgnore
    public String key() {
        return Keys.athlete(raceId, athleteId);
    }

    /** The crossing a read correction names. */
    @JsonIgnore
    public String crossingId() {
        return Keys.crossing(timingPointId, lap);
    }
}
