package io.racetracker.core.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An athlete's registration: the value on the compacted {@code race-athletes} topic, keyed by {@link #athleteId()}.
 *
 * @param athleteId stable id, the key of every topic about this athlete
 * @param raceId    race entered
 * @param bib       race number
 * @param name      display name, as the athlete gave it (escape before showing)
 * @param country   IOC/ISO country code, may be null
 * @param sex       sex category
 * @param category  result category, e.g. {@code ELITE}, {@code M40}; leaderboards are per race and category
 * @param age       age on race day, null where unknown
 * @param targetMs  the athlete's own target finish time in ms; null means the race default (sub-2:00 unless set)
 * @param pacemaker true for pacemakers, who are tracked but drop out before the finish by design
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
        boolean pacemaker) {

    public Athlete {
        Contract.requireText(athleteId, "athleteId");
        Contract.requireText(raceId, "raceId");
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
}
