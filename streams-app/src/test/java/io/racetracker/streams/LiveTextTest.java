package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.event.Units;
import io.racetracker.core.race.RaceTime;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LiveTextTest {
    private static final String[] NAMES = {"Eliud Kipchoge", "  Sifan\tHassan  ", "Farah", "   ", "",
        "Jürgen Groß", "Ayşe Işık", "Ελένη Παπαδοπούλου", "北京 王", "Zoë Müller-Łukasiewicz", "emoji \uD83C\uDFC3",
        "ﬁnn ﬂorence", "lower case name"};
    private static final String[] MATS = {"5K", "25K", "HALF", "loop", "Finish", "K", "5k", "straße", "40K"};

    @Test
    void aShortNameIsTheLastWordInCapitals() {
        assertEquals("KIPCHOGE", LiveText.shortName("Eliud Kipchoge"));
        assertEquals("HASSAN", LiveText.shortName("  Sifan\tHassan  "));
        assertEquals("FARAH", LiveText.shortName("Farah"));
        assertEquals("", LiveText.shortName("   "));
        assertEquals("GROSS", LiveText.shortName("Jürgen Groß"));
    }

    /** The broadcast line as it was first written: each part a string of its own, then put in capitals. */
    private static String asFirstWritten(final AthleteProjection p, final Units units) {
        final String[] words = p.name().strip().split("\\s+");
        final String name = words[words.length - 1].toUpperCase(Locale.ROOT);
        final String target = "SUB-" + RaceTime.target(p.targetMs());
        final String id = p.timingPointId();
        final boolean kilometre = id.matches("\\d+K");
        final String place = kilometre ? (units == Units.KM ? id.substring(0, id.length() - 1) + " km"
                : RaceTime.distance(p.distanceM(), units)) : id + (p.lap() == null ? "" : " lap " + p.lap());
        return p.status() == AthleteStatus.FINISHED
                ? name + " FINISHES " + p.display().elapsed() + (p.elapsedMs() < p.targetMs() ? " - " + target : "")
                : name + " " + p.display().projectedFinish() + " PROJ - " + p.display().chance() + " " + target + " - "
                    + RaceTime.gap(p.aheadOfTargetMs()) + " " + ("at " + place).toUpperCase(Locale.ROOT);
    }

    @Test
    void everyBroadcastLineReadsAsFirstWritten() {
        final Random random = new Random(20);
        for (int i = 0; i < 20_000; i++) {
            final long elapsed = random.nextInt(20_000_000);
            final long target = 6_000_000 + random.nextInt(10_000_000);
            final AthleteStatus status = random.nextInt(4) == 0 ? AthleteStatus.FINISHED : AthleteStatus.ON_COURSE;
            final AthleteProjection.Display display = new AthleteProjection.Display(RaceTime.hms(elapsed), "2:50/km",
                    "2:51/km", RaceTime.hms(elapsed + 3_600_000), "1:58:00 - 2:01:00", RaceTime.target(target),
                    random.nextInt(101) + "%", "+11 s", "25.0 km", "09:12:00");
            final AthleteProjection p = new AthleteProjection("vienna-2019", "a-" + i, "1",
                    NAMES[random.nextInt(NAMES.length)], "M40",
                    false, MATS[random.nextInt(MATS.length)], random.nextBoolean() ? null : random.nextInt(12),
                    random.nextInt(42_196) + random.nextInt(10) / 10.0, elapsed, Instant.EPOCH, 170, 171,
                    elapsed + 3_600_000, 0, 0, target, 0.5, random.nextInt(2_000_000) - 1_000_000, null, null, null,
                    status, 3, 0, display);
            final Units units = random.nextBoolean() ? Units.KM : Units.MI;
            assertEquals(asFirstWritten(p, units), LiveText.broadcast(p, units).text(), p.name() + " at " + p.timingPointId());
        }
    }
}
