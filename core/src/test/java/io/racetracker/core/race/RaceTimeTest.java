package io.racetracker.core.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.racetracker.core.event.Units;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Random;
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

    @Test
    void everyTextReadsTheSameFromTheCacheAsBuiltAnew() {
        // each value twice: the first builds and keeps the text, the second hands the kept one out; both must be
        // what a plain formatter says, for every key of every cache and past both ends of each range
        final Random random = new Random(20);
        for (int pass = 0; pass < 2; pass++) {
            for (long seconds = -5; seconds <= 90_000; seconds++) {
                final long millis = seconds * 1000 + (seconds < 0 ? -random.nextInt(1000) : random.nextInt(1000));
                final long whole = Math.abs(millis) / 1000;
                final String hms = (millis < 0 ? "-" : "") + String.format(Locale.ROOT, "%d:%02d:%02d", whole / 3600,
                        whole / 60 % 60, whole % 60);
                assertEquals(hms, RaceTime.hms(millis), "hms " + millis);
                assertEquals(hms.endsWith(":00") ? hms.substring(0, hms.length() - 3) : hms, RaceTime.target(millis));
                final long gapSeconds = Math.round(Math.abs(millis) / 1000.0);
                final String unsigned = gapSeconds < 60 ? gapSeconds + " s" : gapSeconds < 3600
                        ? String.format(Locale.ROOT, "%d:%02d", gapSeconds / 60, gapSeconds % 60)
                        : String.format(Locale.ROOT, "%d:%02d:%02d", gapSeconds / 3600, gapSeconds / 60 % 60, gapSeconds % 60);
                assertEquals((millis < 0 ? "-" : "+") + unsigned, RaceTime.gap(millis), "gap " + millis);
                assertEquals(unsigned + (millis >= 0 ? " ahead" : " behind"), RaceTime.margin(millis), "margin " + millis);
                assertEquals(unsigned + (millis > 0 ? " behind" : " ahead"), RaceTime.margin(-millis), "margin " + -millis);
                if (seconds >= 0) {
                    final Instant at = Instant.parse("2019-10-12T00:00:00Z").plusMillis(millis);
                    assertEquals(String.format(Locale.ROOT, "%02d:%02d:%02d", whole / 3600 % 24, whole / 60 % 60,
                            whole % 60), RaceTime.timeOfDay(at, ZoneOffset.UTC), "time of day " + at);
                }
            }
            for (int tenths = 0; tenths <= 10_050; tenths++) {
                for (final Units units : Units.values()) {
                    final double metres = (tenths + random.nextDouble() * 0.98 - 0.49) * units.metres() / 10;
                    assertEquals(String.format(Locale.ROOT, "%.1f %s", tenths / 10.0, units.symbol()),
                            RaceTime.distance(metres, units), "distance " + metres + " " + units);
                }
            }
            for (int paceSeconds = 1; paceSeconds <= 7_300; paceSeconds++) {
                for (final Units units : Units.values()) {
                    final double secondsPerKm = (paceSeconds + random.nextDouble() * 0.98 - 0.49) * 1000 / units.metres();
                    assertEquals(String.format(Locale.ROOT, "%d:%02d/%s", paceSeconds / 60, paceSeconds % 60,
                            units.symbol()), RaceTime.pace(secondsPerKm, units), "pace " + secondsPerKm + " " + units);
                }
            }
        }
        assertEquals("07:00:00", RaceTime.timeOfDay(Instant.parse("2019-10-12T05:00:00Z"), ZoneId.of("Europe/Vienna")));
    }
}
