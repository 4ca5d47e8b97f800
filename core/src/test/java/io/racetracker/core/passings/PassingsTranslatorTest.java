package io.racetracker.core.passings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.DeadLetter.Reason;
import io.racetracker.core.event.Sex;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.event.TimingPoint;
import io.racetracker.core.event.Units;
import io.racetracker.core.event.Wave;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassingsTranslatorTest {
    private static final String RACE = "riverside-10k-2026";
    // Vienna is UTC+1 in November: waves at 09:00 and 09:15 local
    private static final Instant WAVE_A = Instant.parse("2026-11-29T08:00:00Z");
    private static final Instant WAVE_B = Instant.parse("2026-11-29T08:15:00Z");

    private static Course tenK() {
        return new Course(RACE, "Riverside 10K", 10_000, null, WAVE_A, 2_700_000L,
                List.of(new TimingPoint("5K", null, 5_000, null), new TimingPoint("FINISH", null, 10_000, null)))
                .withLocale("Europe/Vienna", Units.KM,
                        List.of(new Wave("A", WAVE_A, "1-499"), new Wave("B", WAVE_B, "500-999, 2001-2050")));
    }

    private static Athlete athlete(final String id, final String bib, final String chip, final String wave) {
        return new Athlete(id, RACE, bib, "Runner " + id, "AUT", Sex.F, "OPEN", 30, null, false, chip, wave);
    }

    private static List<Outcome> run(final PassingsTranslator translator, final String... lines) {
        final PassingsReader reader = new PassingsReader();
        final List<Outcome> out = new ArrayList<>();
        out.add(translator.translate(reader.read(1, "chip,timing_point,time")));
        for (int i = 0; i < lines.length; i++) {
            out.add(translator.translate(reader.read(i + 2, lines[i])));
        }
        return out;
    }

    private static PassingsTranslator translator(final Course course, final Athlete... athletes) {
        return new PassingsTranslator(RaceDay.of(course, LocalDate.of(2026, 11, 29), "START"), List.of(athletes));
    }

    @Test
    void netTimeCountsFromTheAthletesOwnStartAndGunTimeFromTheirWave() {
        final PassingsTranslator t = translator(tenK(), athlete("a7", "7", null, null), athlete("a600", "600", null, null));
        final List<Outcome> out = run(t,
                "7,START,09:01:30",
                "7,5K,09:21:30.5",
                "600,5K,09:40:00");
        final Outcome.Start start = assertInstanceOf(Outcome.Start.class, out.get(1));
        assertEquals(90_000L, start.gunElapsedMs());
        final SplitEvent own = assertInstanceOf(Outcome.Read.class, out.get(2)).split();
        assertEquals(1_200_500L, own.elapsedMs(), "from own start");
        assertEquals(1_290_500L, own.gunElapsedMs(), "from wave A's gun");
        assertEquals(Instant.parse("2026-11-29T08:21:30.500Z"), own.readAt());
        assertEquals(RACE + "/a7", own.key());
        assertEquals(5_000.0, own.distanceM());
        assertNull(own.lap());
        final SplitEvent gunBased = assertInstanceOf(Outcome.Read.class, out.get(3)).split();
        assertEquals(25 * 60_000L, gunBased.elapsedMs(), "no start read: from wave B's gun (bib range)");
        assertEquals(25 * 60_000L, gunBased.gunElapsedMs());
    }

    @Test
    void theRegisteredWaveWinsOverTheBibRangeAndChipsNameEntrants() {
        final PassingsTranslator t = translator(tenK(), athlete("x", "12", "E200", "B"),
                athlete("y", "2010", null, null), athlete("z", "1200", null, null));
        final List<Outcome> out = run(t, "E200,5K,09:35:00", "2010,5K,09:35:00", "1200,5K,09:35:00", "12,5K,09:35:00");
        assertEquals(20 * 60_000L, ((Outcome.Read) out.get(1)).split().elapsedMs(), "wave B by registration");
        assertEquals(20 * 60_000L, ((Outcome.Read) out.get(2)).split().elapsedMs(), "wave B by 2001-2050");
        assertEquals(35 * 60_000L, ((Outcome.Read) out.get(3)).split().elapsedMs(), "no wave: the course start");
        final Outcome.Rejected bibNotChip = assertInstanceOf(Outcome.Rejected.class, out.get(4));
        assertEquals(Reason.UNKNOWN_CHIP, bibNotChip.code(), "athlete x wears chip E200, not its bib");
    }

    @Test
    void rejectionsSayWhy() {
        final PassingsTranslator t = translator(tenK(), athlete("a7", "7", null, null), athlete("b", "600", null, null));
        final List<Outcome> out = run(t,
                "99999,5K,09:20:00",
                "7,7K,09:30:00",
                "600,START,09:10:00",
                "7,START,09:02:00",
                "7,5K,09:01:00",
                "7,5K,09:0x:00");
        final Outcome.Rejected unknownChip = assertInstanceOf(Outcome.Rejected.class, out.get(1));
        assertEquals(Reason.UNKNOWN_CHIP, unknownChip.code());
        assertTrue(unknownChip.message().contains("99999") && unknownChip.message().contains("line 2"),
                unknownChip.message());
        assertEquals("99999,5K,09:20:00", unknownChip.raw());
        final Outcome.Rejected unknownMat = assertInstanceOf(Outcome.Rejected.class, out.get(2));
        assertEquals(Reason.UNKNOWN_TIMING_POINT, unknownMat.code());
        assertTrue(unknownMat.message().contains("START, 5K, FINISH"), unknownMat.message());
        final Outcome.Rejected beforeGun = assertInstanceOf(Outcome.Rejected.class, out.get(3));
        assertEquals(Reason.BEFORE_START, beforeGun.code());
        assertTrue(beforeGun.message().contains("wave B") && beforeGun.message().contains("09:15:00"),
                beforeGun.message());
        assertInstanceOf(Outcome.Start.class, out.get(4));
        final Outcome.Rejected beforeOwnStart = assertInstanceOf(Outcome.Rejected.class, out.get(5));
        assertEquals(Reason.BEFORE_START, beforeOwnStart.code());
        assertTrue(beforeOwnStart.message().contains("own start"), beforeOwnStart.message());
        assertEquals(Reason.MALFORMED_LINE, assertInstanceOf(Outcome.Rejected.class, out.get(6)).code());
    }

    @Test
    void repeatedReadsAreTheSameCrossingAndTheFirstStartCounts() {
        final PassingsTranslator t = translator(tenK(), athlete("a7", "7", null, null));
        final List<Outcome> out = run(t,
                "7,START,09:01:00",
                "7,START,09:01:01.5",
                "7,5K,09:21:00",
                "7,5K,09:21:01");
        final Outcome.Start repeatStart = assertInstanceOf(Outcome.Start.class, out.get(2));
        assertTrue(repeatStart.repeat());
        assertEquals(Instant.parse("2026-11-29T08:01:00Z"), repeatStart.at());
        final Outcome.Read first = assertInstanceOf(Outcome.Read.class, out.get(3));
        final Outcome.Read again = assertInstanceOf(Outcome.Read.class, out.get(4));
        assertFalse(first.repeat());
        assertTrue(again.repeat());
        assertEquals(first.split().crossingId(), again.split().crossingId());
        assertEquals(20 * 60_000L, first.split().elapsedMs());
    }

    @Test
    void lapsAreCountedByDistinctCrossingsOfTheMat() {
        final List<TimingPoint> points = new ArrayList<>();
        for (int lap = 1; lap <= 3; lap++) {
            points.add(new TimingPoint("LOOP", null, lap * 2_000.0, lap));
        }
        points.add(new TimingPoint("FINISH", null, 6_500, null));
        final Course loop = new Course(RACE, "Loop", 6_500, 2_000.0, WAVE_A, 1_800_000L, points)
                .withLocale("Europe/Vienna", Units.KM, List.of());
        final PassingsTranslator t = translator(loop, athlete("a7", "7", null, null));
        // window: 2 km at 2:20/km = 280 s
        final List<Outcome> out = run(t,
                "7,LOOP,09:07:00",
                "7,LOOP,09:07:02",
                "7,LOOP,09:14:00",
                "7,LOOP,09:13:59.5",
                "7,LOOP,09:21:00",
                "7,LOOP,09:28:00",
                "7,FINISH,09:24:00");
        assertEquals(1, ((Outcome.Read) out.get(1)).split().lap());
        assertEquals(1, ((Outcome.Read) out.get(2)).split().lap());
        assertTrue(((Outcome.Read) out.get(2)).repeat());
        assertEquals(2, ((Outcome.Read) out.get(3)).split().lap());
        assertEquals(4_000.0, ((Outcome.Read) out.get(3)).split().distanceM());
        assertEquals(2, ((Outcome.Read) out.get(4)).split().lap(), "an earlier read of the same crossing");
        assertEquals(3, ((Outcome.Read) out.get(5)).split().lap());
        assertEquals(Reason.BEYOND_COURSE, ((Outcome.Rejected) out.get(6)).code());
        assertEquals("FINISH", ((Outcome.Read) out.get(7)).split().timingPointId());
    }

    @Test
    void instantsAndLateRegistrations() {
        final PassingsTranslator t = translator(tenK());
        final List<Outcome> before = run(t, "7,FINISH,2026-11-29T08:45:00Z");
        assertEquals(Reason.UNKNOWN_CHIP, ((Outcome.Rejected) before.get(1)).code());
        t.register(athlete("a7", "7", null, null));
        t.register(new Athlete("o", "another-race", "9", "Other", null, Sex.M, null, null, null, false));
        assertEquals(1, t.entrants());
        final List<Outcome> after = run(t, "7,FINISH,2026-11-29T08:45:00Z");
        assertEquals(45 * 60_000L, ((Outcome.Read) after.get(1)).split().elapsedMs());
        // a chip swapped by a new registration: the old chip no longer names the athlete
        t.register(athlete("a7", "7", "C7", null));
        assertEquals(Reason.UNKNOWN_CHIP, ((Outcome.Rejected) run(t, "7,FINISH,09:46:00").get(1)).code());
        assertInstanceOf(Outcome.Read.class, run(t, "C7,FINISH,09:46:00").get(1));
    }

    @Test
    void raceDayFromTheCourseStartInItsZone() {
        final Course late = new Course(RACE, null, 10_000, null, Instant.parse("2026-11-29T23:30:00Z"), 2_700_000L,
                List.of(new TimingPoint("FINISH", null, 10_000, null))).withLocale("Europe/Vienna", Units.KM, List.of());
        assertEquals(LocalDate.of(2026, 11, 30), RaceDay.of(late, null).date());
        assertTrue(RaceDay.of(late, null).startMat().isEmpty());
    }

    @Test
    void bibRanges() {
        final BibRanges ranges = BibRanges.parse("1-499, 2001 - 2050,E7; 800");
        assertTrue(ranges.contains("1"));
        assertTrue(ranges.contains("499"));
        assertFalse(ranges.contains("500"));
        assertTrue(ranges.contains("2050"));
        assertTrue(ranges.contains("E7"));
        assertTrue(ranges.contains("0800"));
        assertFalse(ranges.contains("E8"));
        assertFalse(BibRanges.parse(null).contains("1"));
    }
}
