package io.racetracker.core.passings;

import io.racetracker.core.event.Course;
import io.racetracker.core.event.Wave;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Optional;

/**
 * What turning passings into reads needs to know of a race beyond its {@link Course}: the day it is run (times of
 * day in a passings file are on it) and whether the race has a start mat, whose reads set each athlete's own start
 * (chip time) rather than being reads of their own. A race file gives both; {@link #of(Course, String)} takes the
 * date from the course's start.
 */
public interface RaceDay {

    /** The course, without its start mat. */
    Course course();

    /** The race's date in its time zone. */
    LocalDate date();

    /** The id of the start mat at 0 m, when the race has one. */
    Optional<String> startMat();

    /** The race's time zone. */
    default ZoneId zone() {
        return course().zone();
    }

    static RaceDay of(final Course course, final LocalDate date, final String startMat) {
        return new Fixed(course, date, Optional.ofNullable(startMat).filter(s -> !s.isBlank()));
    }

    /**
     * The race on the day of its start time (or its first wave) in its zone.
     *
     * @throws IllegalArgumentException when the course has neither a start time nor waves
     */
    static RaceDay of(final Course course, final String startMat) {
        final Instant start = course.startTime() != null ? course.startTime()
                : course.waves().stream().map(Wave::start).min(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalArgumentException("race " + course.raceId()
                        + " has no start time and no waves, so the date of its times of day is unknown"));
        return of(course, start.atZone(course.zone()).toLocalDate(), startMat);
    }

    /** The plain holder of the three. */
    record Fixed(Course course, LocalDate date, Optional<String> startMat) implements RaceDay {
    }
}
