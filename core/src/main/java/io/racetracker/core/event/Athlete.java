package io.racetracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.racetracker.core.topic.Keys;

/**
 * An athlete's registration: the value on the compacted {@code race-athletes} topic, keyed by {@link #key()}
 * ({@code raceId/athleteId}).
 *
 * @param athleteId the athlete's id in the race; with the race id, the key of every topic about this athlete
 * @param raceId    race entered
 * @param bib       race number
 * @param name      display name, as the athlete gave it (escape before showing)
 * @param country   IOC/ISO country code, may be null
 * @param sex       sex category
 * @param category  result category, e.g. {@code ELITE}, {@code M40}; leaderboards are per race and category
 * @param age       age on race day, null where unknown
 * @param targetMs  the athlete's own target finish time in ms; null means the race default (sub-2:00 unless set)
 * @param pacemaker true for pacemakers, who are tracked but drop out before the finish by design
 * @param chip      the chip the timing system reads, when it is not the bib; null means the bib
 * @param wave      the start wave ({@link Course#waves()}), null where the race has none or the bib ranges decide
 */
public record Athlete(
        @JsonProperty(required = true) String athleteId,
        @JsonProperty(required = true) String raceId,
        String bib,
        @JsonProperty(required = true) String name,
        String country,
        Sex sex,
        String category,
        Integer age,
        Long targetMs,
        boolean pacemaker,
        String chip,
        String wave) {

    public Athlete {
        Contract.requireText(athleteId, "athleteId");
        Contract.requireRaceId(raceId, "raceId");
        Contract.requireText(name, "name");
        if (age != null && (age < 5 || age > 110)) {
            throw new IllegalArgumentException("age must be between 5 and 110 when present (was " + age + ")");
        }
        if (targetMs != null && targetMs <= 0) {
            throw new IllegalArgumentException("targetMs must be > 0 when present (was " + targetMs + ")");
        }
        sex = sex == null ? Sex.X : sex;
        category = category == null || category.isBlank() ? "OPEN" : category;
    }

    /** A registration whose chip is the bib, with no wave of its own. */
    public Athlete(final String athleteId, final String raceId, final String bib, final String name, final String country,
                   final Sex sex, final String category, final Integer age, final Long targetMs, final boolean pacemaker) {
        this(athleteId, raceId, bib, name, country, sex, category, age, targetMs, pacemaker, null, null);
    }

    /** The record key on {@code race-athletes}: {@code raceId/athleteId}. */
    @JsonIgnore
    public String key() {
        return Keys.athlete(raceId, athleteId);
    }

    /** The chip the timing system reads: its own, or the bib. */
    @JsonIgnore
    public String chipOrBib() {
        return chip != null && !chip.isBlank() ? chip : bib;
    }
}
