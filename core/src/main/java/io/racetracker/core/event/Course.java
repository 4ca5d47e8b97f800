package io.racetracker.core.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.racetracker.core.topic.Keys;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
 * @param timeZone      the race's local time zone (IANA, e.g. {@code Europe/Vienna}): times of day people read are in it
 * @param units         how people read distances and paces here: {@code km} (the default) or {@code mi}
 * @param waves         start waves with their gun times and bibs, in order of start; empty when everyone starts
 *                      at {@code startTime}
 */
public record Course(
        @JsonProperty(required = true) String raceId,
        String name,
        @JsonProperty(required = true) double distanceM,
        Double lapLengthM,
        Instant startTime,
        @JsonProperty(required = true) long defaultTargetMs,
        @JsonProperty(required = true) List<TimingPoint> timingPoints,
        Long courseRecordMs,
        String timeZone,
        Units units,
        List<Wave> waves) {

    public static final long SUB_TWO_HOURS_MS = 7_200_000L;

    /** Zones by name, of courses that passed validation: a few hundred IANA names at most. */
    private static final Map<String, ZoneId> ZONES = new ConcurrentHashMap<>();

    public Course {
        Contract.requireRaceId(raceId, "raceId");
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
        if (timeZone != null) {
            try {
                ZoneId.of(timeZone);
            } catch (final DateTimeException e) {
                throw new IllegalArgumentException("timeZone must be an IANA time zone such as Europe/Vienna (was '"
                        + timeZone + "')", e);
            }
        }
        timeZone = timeZone == null || timeZone.isBlank() ? "UTC" : timeZone;
        units = units == null ? Units.KM : units;
        waves = waves == null ? List.of() : List.copyOf(waves);
    }

    /** A course without a record to chase. */
    public Course(final String raceId, final String name, final double distanceM, final Double lapLengthM,
                  final Instant startTime, final long defaultTargetMs, final List<TimingPoint> timingPoints) {
        this(raceId, name, distanceM, lapLengthM, startTime, defaultTargetMs, timingPoints, null);
    }

    /** A course in kilometres and UTC, everyone starting at {@code startTime}. */
    public Course(final String raceId, final String name, final double distanceM, final Double lapLengthM,
                  final Instant startTime, final long defaultTargetMs, final List<TimingPoint> timingPoints,
                  final Long courseRecordMs) {
        this(raceId, name, distanceM, lapLengthM, startTime, defaultTargetMs, timingPoints, courseRecordMs, null, null,
                null);
    }

    /** The same course with a record to chase. */
    public Course withCourseRecord(final long recordMs) {
        return new Course(raceId, name, distanceM, lapLengthM, startTime, defaultTargetMs, timingPoints, recordMs,
                timeZone, units, waves);
    }

    /** The same course in a time zone and units, with start waves. */
    public Course withLocale(final String zone, final Units in, final List<Wave> startWaves) {
        return new Course(raceId, name, distanceM, lapLengthM, startTime, defaultTargetMs, timingPoints, courseRecordMs,
                zone, in, startWaves);
    }

    /** The race's time zone. */
    @JsonIgnore
    public ZoneId zone() {
        // every projection's time of day asks: the zone is looked up once per name, not parsed again per read
        return ZONES.computeIfAbsent(timeZone, ZoneId::of);
    }

    // the lookups below run on every read: loops over the few waves and mats, no stream pipeline to build each time

    /** The wave of this id, if the course has it. */
    @JsonIgnore
    public Optional<Wave> wave(final String waveId) {
        for (final Wave wave : waves) {
            if (wave.id().equals(waveId)) {
                return Optional.of(wave);
            }
        }
        return Optional.empty();
    }

    /** The crossing a read names, if the course has it. */
    public Optional<TimingPoint> crossing(final String timingPointId, final Integer lap) {
        final String wanted = Keys.crossing(timingPointId, lap);
        for (final TimingPoint point : timingPoints) {
            if (point.crossingId().equals(wanted)) {
                return Optional.of(point);
            }
        }
        return Optional.empty();
    }

    /** The first crossing strictly beyond the given distance, empty at or past the finish. */
    public Optional<TimingPoint> nextAfter(final double metres) {
        for (final TimingPoint point : timingPoints) {
            if (point.distanceM() > metres + 0.5) {
                return Optional.of(point);
            }
        }
        return Optional.empty();
    }

    @JsonIgnore
    public TimingPoint finish() {
        return timingPoints.get(timingPoints.size() - 1);
    }
}
