package io.racetracker.producer.results;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.event.TimingPoint;
import io.racetracker.core.race.Courses;
import io.racetracker.core.results.MatTime;
import io.racetracker.core.results.ResultsFile;
import io.racetracker.core.results.RunnerResult;
import io.racetracker.producer.scenario.Scenario;
import io.racetracker.producer.wire.WireFaults;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The race a results file implies: every runner registered, and a read at each mat the file has a time for, in time
 * order across the whole field. A mat with no time in the file is a read the wire never carries.
 *
 * <p>A results file says nothing of start waves or the date, so: the race starts at 08:00 UTC on 1 January of the
 * year in the file name (2000 when there is none); runners start in waves of 8,000 in bib order (low bibs first, as
 * big races seed them), 25 minutes apart, each wave taking 10 minutes to cross the start line. The start itself is
 * not a read: a chip time of 0 at 0 m tells the tracker nothing. Race id: the file name without its extensions.
 */
public final class ResultsReplay {
    public static final int WAVE_SIZE = 8_000;
    public static final Duration WAVE_GAP = Duration.ofMinutes(25);
    public static final Duration WAVE_CROSSING = Duration.ofMinutes(10);
    public static final long DEFAULT_TARGET_MS = 4 * 3_600_000L;
    private static final Pattern YEAR = Pattern.compile("(19|20)\\d{2}");

    private ResultsReplay() {
    }

    public static Scenario scenario(final ResultsFile results) {
        final String raceId = raceId(results.file().getFileName().toString());
        final Instant start = start(raceId);
        final Course course = Courses.marathon(raceId, "Results replay: " + results.file().getFileName(), start,
                DEFAULT_TARGET_MS);
        final List<RunnerResult> runners = new ArrayList<>(results.runners());
        runners.sort(Comparator.comparing(ResultsReplay::bibOrder).thenComparing(RunnerResult::bib));
        final List<Athlete> athletes = new ArrayList<>();
        final List<SplitEvent> reads = new ArrayList<>();
        final Set<String> ids = new HashSet<>();
        for (int i = 0; i < runners.size(); i++) {
            final RunnerResult runner = runners.get(i);
            final String id = athleteId(runner.bib(), ids);
            final Athlete athlete = new Athlete(id, raceId, runner.bib(), "Bib " + runner.bib(), null, runner.sex(),
                    category(runner), runner.age(), null, false);
            athletes.add(athlete);
            final long startOffset = (i / WAVE_SIZE) * WAVE_GAP.toMillis()
                    + Math.round((i % WAVE_SIZE) / (double) WAVE_SIZE * WAVE_CROSSING.toMillis());
            final Instant startedAt = start.plusMillis(startOffset);
            for (final MatTime mat : runner.mats()) {
                if (mat.read()) {
                    reads.add(read(course, athlete, mat.label(), mat.elapsedMs(), startedAt));
                }
            }
            reads.add(read(course, athlete, course.finish().id(), runner.finishMs(), startedAt));
        }
        return Scenario.of(raceId, course, athletes, reads, WireFaults.NONE);
    }

    private static SplitEvent read(final Course course, final Athlete athlete, final String label, final long elapsedMs,
                                   final Instant startedAt) {
        final TimingPoint point = course.crossing(label.toUpperCase(Locale.ROOT), null).orElseThrow(() ->
                new IllegalArgumentException("results mat '" + label + "' is not a mat of " + course.raceId()));
        return new SplitEvent(course.raceId(), athlete.athleteId(), athlete.bib(), point.id(), point.distanceM(),
                point.lap(), elapsedMs, startedAt.plusMillis(elapsedMs));
    }

    static String raceId(final String fileName) {
        final String base = fileName.toLowerCase(Locale.ROOT).replaceFirst("(\\.[a-z]+)+$", "")
                .replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return base.isEmpty() ? "results" : base;
    }

    private static Instant start(final String raceId) {
        final Matcher year = YEAR.matcher(raceId);
        return Instant.parse((year.find() ? year.group() : "2000") + "-01-01T08:00:00Z");
    }

    /** Bib number for seeding; bibs that are not numbers go last. */
    private static long bibOrder(final RunnerResult runner) {
        try {
            return Long.parseLong(runner.bib().trim());
        } catch (final NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** {@code bib-123}; a bib seen twice in one file gets a suffix, so no two rows share an athlete. */
    private static String athleteId(final String bib, final Set<String> taken) {
        final String base = "bib-" + bib.trim().replaceAll("[^A-Za-z0-9]+", "_");
        String id = base;
        for (int n = 2; !taken.add(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    private static String category(final RunnerResult runner) {
        if (runner.age() == null) {
            return runner.sex().name();
        }
        return runner.sex().name() + (runner.age() < 35 ? 18 : runner.age() / 5 * 5);
    }
}
