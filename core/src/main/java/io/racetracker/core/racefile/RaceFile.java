package io.racetracker.core.racefile;

import io.racetracker.core.event.Course;
import io.racetracker.core.event.TimingPoint;
import io.racetracker.core.event.Units;
import io.racetracker.core.event.Wave;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One race as its file describes it ({@link RaceFileReader}): times of day in the race's own zone, as the race
 * director wrote them, and the {@link #course()} the tracker is given.
 *
 * @param file           where it was read from
 * @param raceId         race id, e.g. {@code riverside-10k-2026}
 * @param name           what a person reads; the race id when the file gives none
 * @param timeZone       the race's local time zone
 * @param date           race day, in that zone
 * @param distanceM      course distance in metres
 * @param units          how people there read distances and paces
 * @param targetMs       target time for entrants without one of their own
 * @param courseRecordMs the course record, null when none is given
 * @param lapLengthM     loop length on lap courses, null otherwise
 * @param start          gun time of day when the race has no waves; null when not given
 * @param waves          start waves in file order; empty when everyone starts together
 * @param timingPoints   every crossing in order of distance, the {@value #START} point included when the file gives
 *                       one; the last is the finish
 */
public record RaceFile(
        Path file,
        String raceId,
        String name,
        ZoneId timeZone,
        LocalDate date,
        double distanceM,
        Units units,
        long targetMs,
        Long courseRecordMs,
        Double lapLengthM,
        LocalTime start,
        List<WaveSpec> waves,
        List<TimingPoint> timingPoints) {

    /** The id of the optional timing point on the start line. */
    public static final String START = "START";

    public RaceFile {
        name = name == null || name.isBlank() ? raceId : name;
        units = units == null ? Units.KM : units;
        waves = waves == null ? List.of() : List.copyOf(waves);
        timingPoints = List.copyOf(timingPoints);
    }

    /**
     * A start wave as the file gives it.
     *
     * @param id    wave name, e.g. {@code A}
     * @param start gun time of day in the race's zone
     * @param bibs  the bibs that start in it; empty when entrants name their wave
     */
    public record WaveSpec(String id, LocalTime start, BibRanges bibs) {
        public WaveSpec {
            bibs = bibs == null ? BibRanges.none() : bibs;
        }
    }

    /** Whether a timing point is the mat on the start line, which the tracker never sees reads from. */
    public static boolean isStart(final TimingPoint point) {
        return START.equals(point.id().toUpperCase(Locale.ROOT));
    }

    /** A time of day on race day in the race's zone (a time skipped by a clock change is moved forward). */
    public Instant at(final LocalTime timeOfDay) {
        return ZonedDateTime.of(date, timeOfDay, timeZone).toInstant();
    }

    /** The first wave whose bib ranges hold the bib; empty for a bib in none (or any bib that is not a number). */
    public Optional<WaveSpec> waveOfBib(final String bib) {
        return waves.stream().filter(w -> w.bibs().contains(bib)).findFirst();
    }

    /** The wave of this id, if the race has it. */
    public Optional<WaveSpec> wave(final String waveId) {
        return waves.stream().filter(w -> w.id().equals(waveId)).findFirst();
    }

    /**
     * The course to publish: the gun is the earliest wave's, else {@link #start()}, else local midnight; the timing
     * points leave out {@value #START}, as no reads come from it; waves are in order of gun time.
     */
    public Course course() {
        final List<Wave> courseWaves = waves.stream()
                .sorted(Comparator.comparing(WaveSpec::start))
                .map(w -> new Wave(w.id(), at(w.start()), w.bibs().toString()))
                .toList();
        final Instant gun = !courseWaves.isEmpty() ? courseWaves.get(0).start()
                : at(start != null ? start : LocalTime.MIDNIGHT);
        final List<TimingPoint> crossings = timingPoints.stream().filter(p -> !isStart(p)).toList();
        return new Course(raceId, name, distanceM, lapLengthM, gun, targetMs, crossings, courseRecordMs,
                timeZone.getId(), units, courseWaves);
    }
}
