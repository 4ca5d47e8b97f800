package io.racetracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A race and its course: the value on the compacted {@code race-courses} topic, keyed by {@link #raceId()}.
 *
 * @param raceId        race id, e.g. {@code vienna-2019}
 * @param name          what a person reads, e.g. {@code INEOS 1:59 Challenge}
 * @param distanceM     total distance in metres (42195 for a marathon)
 * @param lapLengthM    loop length in metres on lap courses, null otherwise
 * @param startTime     scheduled start (gun) time
 * @param defaultTargetMs target time for athletes without one of their own (7,200,000 = sub-2:00)
 * @param timingPoints  every crossing, in order of distance; the last is the finish at {@code distanceM}
 * @param courseRecordMs the course record, for record-pace alerts; null when none is set
 */
public record Course(
        @JsonProperty(required = true) String raceId,
        String name,
        @JsonProperty(required = true) double distanceM,
        Double lapLengthM,
        Instant startTime,
        @JsonProperty(required = true) long defaultTargetMs,
        @JsonProperty(required = true) List<TimingPoint> timingPoints,
        Long courseRecordMs) {

    public static final long SUB_TWO_HOURS_MS = 7_200_000L;

    public Course {
        Contract.requireText(raceId, "raceId");
        Contract.requireDistance(distanceM, "distanceM");
        if (distanceM <= 0) {
            throw new IllegalArgumentException("distanceM must be > 0 (was " + distanceM + ")");
        }
        if (defaultTargetMs <= 0) {
            throw new IllegalArgumentException("defaultTargetMs must be > 0 (was " + defaultTargetMs + ")");
        }
        if (timingPoints == null || timingPoints.isEmpty()) {
            throw new IllegalArgumentException("timingPoints must list at least the finish");
        }
        timingPoints = timingPoints.stream().sorted(Comparator.comparingDouble(TimingPoint::distanceM)).toList();
        final Set<String> crossings = new HashSet<>();
        for (final TimingPoint point : timingPoints) {
            if (!crossings.add(point.crossingId())) {
                throw new IllegalArgumentException("timing point " + point.crossingId() + " appears twice");
            }
            if (point.distanceM() > distanceM) {
                throw new IllegalArgumentException("timing point " + point.crossingId() + " at " + point.distanceM()
                        + " m lies beyond the course distance " + distanceM + " m");
            }
        }
        if (courseRecordMs != null && courseRecordMs <= 0) {
            throw new IllegalArgumentException("courseRecordMs must be > 0 when present (was " + courseRecordMs + ")");
        }
        name = name == null || name.isBlank() ? raceId : name;
        timingPoints = List.copyOf(timingPoints);
    }

    /** A course without a record to chase. */
    public Course(final String raceId, final String name, final double distanceM, final Double lapLengthM,
                  final Instant startTime, final long defaultTargetMs, final List<TimingPoint> timingPoints) {
        this(raceId, name, distanceM, lapLengthM, startTime, defaultTargetMs, timingPoints, null);
    }

    /** The same course with a record to chase. */
    public Course withCourseRecord(final long recordMs) {
        return new Course(raceId, name, distanceM, lapLengthM, startTime, defaultTargetMs, timingPoints, recordMs);
    }

    /** The crossing a read names, if the course has it. */
    public Optional<TimingPoint> crossing(final String timingPointId, final Integer lap) {
        final String wanted = lap == null ? timingPointId : timingPointId + "#" + lap;
        return timingPoints.stream().filter(p -> p.crossingId().equals(wanted)).findFirst();
    }

    /** The first crossing strictly beyond the given distance, empty at or past the finish. */
    public Optional<TimingPoint> nextAfter(final double metres) {
        return timingPoints.stream().filter(p -> p.distanceM() > metres + 0.5).findFirst();
    }

    @JsonIgnore
    public TimingPoint finish() {
        return timingPoints.get(timingPoints.size() - 1);
    }
}
