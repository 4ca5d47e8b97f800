package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.BroadcastLine;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.Units;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A race in miles shows miles and min/mi to people, and its own local time of day; the wire keeps metres and ms. */
class UnitsAndLocalTimeTest {
    private final Course boston = Fixtures.marathon().withLocale("America/New_York", Units.MI, List.of());
    private final Athlete runner = Fixtures.runner(boston, "r1", "Des Linden", "F");

    @Test
    void aRaceInMilesReadsInMilesAndItsOwnTimeOfDay() {
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(boston, runner);
            fx.read(boston, runner, "25K", "1:25:00");

            final AthleteProjection p = fx.projections.readValue();
            assertEquals(25_000.0, p.distanceM(), "metres on the wire");
            assertEquals(5_100_000, p.elapsedMs(), "milliseconds on the wire");
            assertEquals(204.0, p.averagePaceSecPerKm(), "seconds per kilometre on the wire");
            assertEquals("15.5 mi", p.display().distance());
            assertEquals("5:28/mi", p.display().averagePace(), "204 s/km is 328 s/mi");
            // 09:00Z start plus 1:25:00 is 10:25 UTC, 06:25 in Boston (EDT, UTC-4)
            assertEquals("06:25:00", p.display().timeOfDay());

            final BroadcastLine line = fx.broadcasts.readValue();
            assertTrue(line.text().endsWith(" AT 15.5 MI"), line.text());
        }
    }

    @Test
    void aRaceInKilometresReadsAsBefore() {
        final Course vienna = Fixtures.marathon().withLocale("Europe/Vienna", Units.KM, List.of());
        try (TopologyFixture fx = new TopologyFixture()) {
            fx.register(vienna, runner);
            fx.read(vienna, runner, "25K", "1:25:00");

            final AthleteProjection p = fx.projections.readValue();
            assertEquals("25.0 km", p.display().distance());
            assertEquals("3:24/km", p.display().averagePace());
            assertEquals("12:25:00", p.display().timeOfDay(), "10:25 UTC is 12:25 in Vienna in April (CEST)");
            assertTrue(fx.broadcasts.readValue().text().endsWith(" AT 25 KM"));
        }
    }
}
