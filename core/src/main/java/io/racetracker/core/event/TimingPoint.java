package io.racetracker.core.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.racetracker.core.topic.Keys;

/**
 * One crossing of a timing mat on a course. A mat on a loop is crossed once per lap, so it appears once per lap
 * with the same {@link #id()} and a different {@link #lap()} and {@link #distanceM()}.
 *
 * @param id        mat id, e.g. {@code 5K}, {@code HALF}, {@code FINISH}, {@code LOOP}
 * @param label     what a person reads, e.g. {@code 5 km}, {@code Half}, {@code Lap 2}
 * @param distanceM metres from the start line at this crossing
 * @param lap       lap number on lap courses, null on point-to-point courses
 */
public record TimingPoint(
        @JsonProperty(required = true) String id,
        String label,
        @JsonProperty(required = true) double distanceM,
        Integer lap) {

    public TimingPoint {
        Contract.requireText(id, "id");
        Contract.requireDistance(distanceM, "distanceM");
        Contract.requireLap(lap, "lap");
        label = label == null || label.isBlank() ? id : label;
    }

    /** Same key as {@link SplitEvent#crossingId()}. */
    public String crossingId() {
        return Keys.crossing(id, lap);
    }
}
