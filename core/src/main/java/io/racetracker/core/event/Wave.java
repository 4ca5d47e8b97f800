package io.racetracker.core.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * A start wave: its gun time and the bibs that start in it.
 *
 * @param id    wave name, e.g. {@code A} or {@code 2}
 * @param start gun time
 * @param bibs  the bibs of the wave as ranges, e.g. {@code 500-999, 2001-2050}; empty when entrants name their wave
 */
public record Wave(@JsonProperty(required = true) String id, @JsonProperty(required = true) Instant start, String bibs) {
    public Wave {
        Contract.requireText(id, "wave id");
        Objects.requireNonNull(start, "wave start is required (ISO-8601 instant)");
        bibs = bibs == null ? "" : bibs;
    }
}
