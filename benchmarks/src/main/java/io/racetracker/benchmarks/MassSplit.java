package io.racetracker.benchmarks;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.Sex;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.race.Courses;
import java.time.Instant;
import java.util.List;

/** A mass-race runner at 30 km: the course, the registration and the accepted splits the tracker would hold. */
final class MassSplit {
    static final Instant START = Instant.parse("2025-04-27T08:00:00Z");
    static final Course COURSE = Courses.marathon("mass", "Mass marathon", START, 4 * 3_600_000L);
    static final Athlete ATHLETE = new Athlete("mass-031415", "mass", "31415", "Runner 31415", "GBR", Sex.F, "F45", 45,
            null, false);
    static final SplitEvent LATEST = read("30K", 30_000, 10_120_000);
    static final List<SplitEvent> HISTORY = List.of(read("5K", 5_000, 1_650_000), read("10K", 10_000, 3_310_000),
            read("15K", 15_000, 4_980_000), read("20K", 20_000, 6_660_000), read("25K", 25_000, 8_370_000), LATEST);

    private MassSplit() {
    }

    private static SplitEvent read(final String mat, final double distanceM, final long elapsedMs) {
        return new SplitEvent("mass", ATHLETE.athleteId(), ATHLETE.bib(), mat, distanceM, null, elapsedMs,
                START.plusMillis(900_000 + elapsedMs));
    }
}
