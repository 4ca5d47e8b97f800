package io.racetracker.core.passings;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.DeadLetter.Reason;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.event.TimingPoint;
import io.racetracker.core.event.Wave;
import io.racetracker.core.race.RaceTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a race's passings, in file order, into what they mean for the race: reads for {@code race-splits}, athletes'
 * own starts, and rejections with a {@link Reason} a person understands.
 *
 * <ul>
 *   <li>The chip names the entrant ({@link Athlete#chipOrBib()}); a chip nobody of the race wears is
 *       {@link Reason#UNKNOWN_CHIP}.</li>
 *   <li>An athlete's gun is their wave's start: {@link Athlete#wave()} when set, else the course wave whose bibs
 *       contain their bib, else the course's start time.</li>
 *   <li>A read at the start mat ({@link RaceDay#startMat()}) is the athlete's own start: their chip time counts
 *       from it. Without one it counts from their gun. A read before either is {@link Reason#BEFORE_START}.</li>
 *   <li>A mat the course lists once per lap (same id, laps 1..n) is crossed n times: the n-th distinct crossing
 *       of it by a chip is lap n. Reads of a chip at the same mat within one crossing window (the time to run the
 *       lap at {@value #FASTEST_SECONDS_PER_KM} s/km; {@value #POINT_WINDOW_SECONDS} s where that is unknown) are one
 *       crossing, sent again as the same crossing, which the tracker counts as a duplicate.</li>
 * </ul>
 * Not thread-safe: one translator per passings stream, fed in file order. Its state (own starts, crossings) follows
 * from the lines it was given, so feeding the same lines again rebuilds it.
 */
public final class PassingsTranslator {
    /** Faster than any runner over a lap: 2:20/km. */
    public static final int FASTEST_SECONDS_PER_KM = 140;
    /** The crossing window of a mat whose lap length is unknown. */
    public static final int POINT_WINDOW_SECONDS = 60;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final RaceDay race;
    private final Course course;
    private final ZoneId zone;
    private final Map<String, Athlete> byAthlete = new HashMap<>();
    private final Map<String, Athlete> byChip = new HashMap<>();
    private final Map<String, Runner> runners = new HashMap<>();
    private final Map<String, List<TimingPoint>> lapsOf = new HashMap<>();
    private final Map<String, Long> windowMsOf = new HashMap<>();
    private final List<WaveBibs> waves;

    private record WaveBibs(Wave wave, BibRanges bibs) {
    }

    /** What is known of one athlete's race so far. */
    private static final class Runner {
        Instant ownStart;
        final Map<String, List<Instant>> crossings = new HashMap<>();
        final Set<String> sent = new HashSet<>();
    }

    public PassingsTranslator(final RaceDay race, final Collection<Athlete> entrants) {
        this.race = race;
        this.course = race.course();
        this.zone = race.zone();
        this.waves = course.waves().stream().map(w -> new WaveBibs(w, BibRanges.parse(w.bibs()))).toList();
        final Map<String, List<TimingPoint>> points = course.timingPoints().stream()
                .filter(p -> p.lap() != null)
                .collect(Collectors.groupingBy(TimingPoint::id));
        points.forEach((id, laps) -> {
            final List<TimingPoint> ordered = laps.stream().sorted(Comparator.comparing(TimingPoint::lap)).toList();
            lapsOf.put(id, ordered);
            windowMsOf.put(id, windowMs(ordered));
        });
        entrants.forEach(this::register);
    }

    private long windowMs(final List<TimingPoint> laps) {
        Double lapM = course.lapLengthM();
        if (lapM == null && laps.size() > 1) {
            lapM = laps.get(1).distanceM() - laps.get(0).distanceM();
        }
        if (lapM == null || lapM <= 0) {
            return POINT_WINDOW_SECONDS * 1000L;
        }
        return Math.round(lapM / 1000.0 * FASTEST_SECONDS_PER_KM * 1000.0);
    }

    /**
     * Takes up a registration, new or changed (a late entry, a chip swapped): later passings of its chip are its.
     * Registrations of other races are ignored.
     */
    public void register(final Athlete athlete) {
        if (!course.raceId().equals(athlete.raceId())) {
            return;
        }
        final Athlete before = byAthlete.put(athlete.athleteId(), athlete);
        if (before != null && before.chipOrBib() != null) {
            byChip.remove(before.chipOrBib(), before);
        }
        if (athlete.chipOrBib() != null) {
            byChip.put(athlete.chipOrBib(), athlete);
        }
    }

    /** Entrants known. */
    public int entrants() {
        return byAthlete.size();
    }

    /** What a line of the file comes to. */
    public Outcome translate(final PassingLine line) {
        if (line instanceof Passing passing) {
            return translate(passing);
        }
        if (line instanceof LineProblem problem) {
            return new Outcome.Rejected(problem.line(), problem.raw(), Reason.MALFORMED_LINE,
                    "line " + problem.line() + ": " + problem.reason(), null, null);
        }
        return new Outcome.Skipped(line.line());
    }

    private Outcome translate(final Passing p) {
        final Athlete athlete = byChip.get(p.chip());
        if (athlete == null) {
            return reject(p, Reason.UNKNOWN_CHIP, "chip " + p.chip() + " read at " + p.timingPointId()
                    + " is worn by no entrant of " + course.raceId(), null);
        }
        final Instant at = p.at(race.date(), zone);
        final Instant gun = gun(athlete);
        final Runner runner = runners.computeIfAbsent(athlete.athleteId(), id -> new Runner());
        final boolean startMat = race.startMat().map(p.timingPointId()::equals).orElse(false);
        if (gun != null && at.isBefore(gun)) {
            return reject(p, Reason.BEFORE_START, "chip " + p.chip() + " (bib " + athlete.bib() + ") read at "
                    + p.timingPointId() + " at " + clock(at) + ", " + RaceTime.hms(Duration.between(at, gun).toMillis())
                    + " before " + gunName(athlete) + " at " + clock(gun), athlete.athleteId());
        }
        if (startMat) {
            final boolean repeat = runner.ownStart != null;
            if (!repeat) {
                runner.ownStart = at;
            }
            return new Outcome.Start(p.line(), course.raceId(), athlete.athleteId(), athlete.bib(), runner.ownStart,
                    gun == null ? null : Duration.between(gun, runner.ownStart).toMillis(), repeat);
        }
        final Instant origin = runner.ownStart != null ? runner.ownStart : gun;
        if (origin == null) {
            return reject(p, Reason.BEFORE_START, "chip " + p.chip() + " (bib " + athlete.bib() + ") has no start:"
                    + " no start read, and the race has no start time or wave for it", athlete.athleteId());
        }
        if (at.isBefore(origin)) {
            return reject(p, Reason.BEFORE_START, "chip " + p.chip() + " (bib " + athlete.bib() + ") read at "
                    + p.timingPointId() + " at " + clock(at) + ", before its own start read at " + clock(origin),
                    athlete.athleteId());
        }
        final List<TimingPoint> laps = lapsOf.get(p.timingPointId());
        final TimingPoint point;
        if (laps != null) {
            final List<Instant> crossings = runner.crossings.computeIfAbsent(p.timingPointId(), k -> new ArrayList<>());
            final long window = windowMsOf.get(p.timingPointId());
            int lap = -1;
            for (int i = crossings.size() - 1; i >= 0; i--) {
                if (Math.abs(Duration.between(crossings.get(i), at).toMillis()) < window) {
                    lap = i + 1;
                    break;
                }
            }
            if (lap < 0) {
                if (!crossings.isEmpty() && at.isBefore(crossings.get(crossings.size() - 1))) {
                    return reject(p, Reason.TIME_BACKWARDS, "chip " + p.chip() + " read at " + p.timingPointId()
                            + " at " + clock(at) + ", before its last crossing there at "
                            + clock(crossings.get(crossings.size() - 1)) + " and not a repeat of any crossing",
                            athlete.athleteId());
                }
                if (crossings.size() >= laps.size()) {
                    return reject(p, Reason.BEYOND_COURSE, "chip " + p.chip() + " crossed " + p.timingPointId() + " a "
                            + (crossings.size() + 1) + ". time at " + clock(at) + ", but the course crosses it "
                            + laps.size() + " times", athlete.athleteId());
                }
                crossings.add(at);
                lap = crossings.size();
            }
            point = laps.get(lap - 1);
        } else {
            final Optional<TimingPoint> found = course.crossing(p.timingPointId(), null);
            if (found.isEmpty()) {
                return reject(p, Reason.UNKNOWN_TIMING_POINT, "timing point " + p.timingPointId()
                        + " is not on the course of " + course.raceId() + " (its mats: " + mats() + ")",
                        athlete.athleteId());
            }
            point = found.get();
        }
        final SplitEvent split = new SplitEvent(course.raceId(), athlete.athleteId(), athlete.bib(), point.id(),
                point.distanceM(), point.lap(), Duration.between(origin, at).toMillis(), at,
                gun == null ? null : Duration.between(gun, at).toMillis());
        final boolean repeat = !runner.sent.add(split.crossingId());
        return new Outcome.Read(p.line(), split, repeat);
    }

    /** The athlete's gun: their wave's start, else the course's; null when neither is known. */
    public Instant gun(final Athlete athlete) {
        return wave(athlete).map(Wave::start).orElse(course.startTime());
    }

    /** The athlete's wave: as registered, else by bib; empty when the race has none for them. */
    public Optional<Wave> wave(final Athlete athlete) {
        if (athlete.wave() != null && !athlete.wave().isBlank()) {
            final Optional<Wave> named = course.wave(athlete.wave());
            if (named.isPresent()) {
                return named;
            }
        }
        return waves.stream().filter(w -> w.bibs().contains(athlete.bib())).map(WaveBibs::wave).findFirst();
    }

    private String gunName(final Athlete athlete) {
        return wave(athlete).map(w -> "wave " + w.id() + "'s gun").orElse("the start");
    }

    private String mats() {
        final Set<String> ids = new LinkedHashSet<>();
        race.startMat().ifPresent(ids::add);
        course.timingPoints().forEach(t -> ids.add(t.id()));
        return String.join(", ", ids);
    }

    private String clock(final Instant at) {
        final LocalTime local = at.atZone(zone).toLocalTime();
        final String text = CLOCK.format(local);
        return local.getNano() == 0 ? text : text + "." + String.format(Locale.ROOT, "%03d", local.getNano() / 1_000_000);
    }

    private Outcome reject(final Passing p, final Reason code, final String message, final String athleteId) {
        return new Outcome.Rejected(p.line(), p.raw(), code, "line " + p.line() + ": " + message, athleteId, p.chip());
    }
}
