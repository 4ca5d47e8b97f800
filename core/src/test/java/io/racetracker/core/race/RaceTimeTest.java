package io.racetracker.core.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RaceTimeTest {

    @Test
    void formatsTimesAsResultsListsDo() {
        assertEquals("1:59:40", RaceTime.hms(7_180_200));
        assertEquals("0:14:10", RaceTime.hms(850_000));
        assertEquals("-0:00:11", RaceTime.hms(-11_000));
        assertEquals("0:00:00", RaceTime.hms(999));
        assertEquals("27:46:40", RaceTime.hms(100_000_000));
    }

    @Test
    void parsesTheTimesPeopleWrite() {
        assertEquals(7_180_200, RaceTime.parse("1:59:40.2"));
        assertEquals(850_000, RaceTime.parse("14:10"));
        assertEquals(7_285_000, RaceTime.parse("2:01:25"));
    }

    @Test
    void rejectsWhatIsNotATimeWithAnExample() {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> RaceTime.parse("2h"));
        assertEquals("expected a time as H:MM:SS (for example 1:59:40), got '2h'", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RaceTime.parse("1:61:00"));
    }

    @Test
    void pacesAndGapsReadAsRunnersSayThem() {
        assertEquals("2:50/km", RaceTime.pace(170.0));
        assertEquals("-", RaceTime.pace(Double.NaN));
        assertEquals(170.0, RaceTime.secondsPerKm(850_000, 5_000), 1e-9);
        assertEquals("+11 s", RaceTime.gap(11_000));
        assertEquals("-1:05", RaceTime.gap(-65_000));
        assertEquals("+10:00", RaceTime.gap(600_000));
        assertEquals("+1:00:09", RaceTime.gap(3_609_000));
        assertEquals("4:05/km", RaceTime.pace(245.2));
        assertEquals("12:00/km", RaceTime.pace(720));
    }
}
