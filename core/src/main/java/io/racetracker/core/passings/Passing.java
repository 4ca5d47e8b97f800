package io.racetracker.core.passings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One chip read as a timing system wrote it: which chip, at which mat, when. Nothing here is checked against a race
 * yet; {@link PassingsTranslator} does that.
 *
 * <p>The time is either an {@link #instant()} or a {@link #timeOfDay()} in the race's time zone, on {@link #date()}
 * when the line gives one and on the race's date otherwise.
 *
 * @param line          1-based line number in the file
 * @param raw           the line as read
 * @param chip          the chip (or bib) read
 * @param timingPointId the mat, as the course names it
 * @param date          the local date the line gives with its time of day; null when it gives none
 * @param timeOfDay     time of day in the race's zone; null when the line gives an instant
 * @param instant       the moment of the read; null when the line gives a time of day
 * @param reader        the reader, decoder or box that read the chip; null when not given
 * @param seq           the timing system's own number of this read; null when not given
 */
public record Passing(long line, String raw, String chip, String timingPointId, LocalDate date, LocalTime timeOfDay,
                      Instant instant, String reader, Long seq) implements PassingLine {

    public Passing {
        Objects.requireNonNull(chip, "chip");
        Objects.requireNonNull(timingPointId, "timingPointId");
        if ((timeOfDay == null) == (instant == null)) {
            throw new IllegalArgumentException("a passing has either a time of day or an instant");
        }
        if (date != null && timeOfDay == null) {
            throw new IllegalArgumentException("a date goes with a time of day");
        }
    }

    /** The moment of the read: its instant, or its time of day on its date (else the race's) in the race's zone. */
    public Instant at(final LocalDate raceDate, final ZoneId zone) {
        if (instant != null) {
            return instant;
        }
        return (date != null ? date : raceDate).atTime(timeOfDay).atZone(zone).toInstant();
    }
}
