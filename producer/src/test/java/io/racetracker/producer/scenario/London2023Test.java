package io.racetracker.producer.scenario;

import static io.racetracker.producer.scenario.ReadChecks.elapsed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.race.RaceTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class London2023Test {
    private final Scenario london = Scenarios.byName("london-2023", new Scenarios.Options(500, 7));

    @Test
    void kiptumRunsTheCourseRecordWithANegativeSplit() {
        assertEquals(RaceTime.parse("2:01:25"), elapsed(london, "kelvin-kiptum", "FINISH"));
        assertEquals(RaceTime.parse("1:01:40"), elapsed(london, "kelvin-kiptum", "HALF"));
        assertEquals(RaceTime.parse("1:27:23"), elapsed(london, "kelvin-kiptum", "30K"));
        assertEquals(RaceTime.parse("13:49"),
                elapsed(london, "kelvin-kiptum", "35K") - elapsed(london, "kelvin-kiptum", "30K"));
        assertEquals(RaceTime.parse("14:01"),
                elapsed(london, "kelvin-kiptum", "40K") - elapsed(london, "kelvin-kiptum", "35K"));
        final long firstHalf = elapsed(london, "kelvin-kiptum", "HALF");
        assertTrue(RaceTime.parse("2:01:25") - firstHalf < firstHalf, "second half faster than the first");
    }

    @Test
    void theNamedMenFinishInTheirPlacesAndTimes() {
        final List<String> order = finishOrder("ELITE-M");
        assertEquals("kelvin-kiptum", order.get(0));
        assertEquals("geoffrey-kamworor", order.get(1));
        assertEquals("emile-cairess", order.get(5));
        assertEquals("phil-sesemann", order.get(7));
        assertEquals("mo-farah", order.get(8));
        assertEquals(RaceTime.parse("2:04:23"), elapsed(london, "geoffrey-kamworor", "FINISH"));
        assertEquals(RaceTime.parse("2:08:07"), elapsed(london, "emile-cairess", "FINISH"));
        assertEquals(RaceTime.parse("2:10:23"), elapsed(london, "phil-sesemann", "FINISH"));
        assertEquals(RaceTime.parse("2:10:28"), elapsed(london, "mo-farah", "FINISH"));
    }

    @Test
    void hassanFallsTwentyEightSecondsBehindAtTwentyFiveKilometresAndWins() {
        assertEquals("sifan-hassan", finishOrder("ELITE-F").get(0));
        assertEquals(RaceTime.parse("2:18:33"), elapsed(london, "sifan-hassan", "FINISH"));
        final long leadersAt25k = leaderTime("25K");
        assertEquals(28_000, elapsed(london, "sifan-hassan", "25K") - leadersAt25k);
        assertTrue(elapsed(london, "sifan-hassan", "30K") > leaderTime("30K"), "still behind at 30 km");
        assertTrue(elapsed(london, "sifan-hassan", "20K") - leaderTime("20K") <= 1_000, "with the leaders at 20 km");
        // her even-pace projection drifts back at 25 km and recovers by 40 km
        final double at20 = projection("20K", 20_000);
        final double at25 = projection("25K", 25_000);
        final double at40 = projection("40K", 40_000);
        assertTrue(at25 > at20 + 30_000, "projection drifts back by more than half a minute");
        assertTrue(at40 < at25, "and recovers");
    }

    @Test
    void wavesStartAtTheirGunAndReadsCarryWaveStartPlusChipTime() {
        final SplitEvent kiptum5k = london.stream()
                .filter(r -> r.athleteId().equals("kelvin-kiptum") && r.timingPointId().equals("5K")).findFirst()
                .orElseThrow();
        assertEquals(Instant.parse("2023-04-23T09:00:00Z").plusMillis(kiptum5k.elapsedMs()), kiptum5k.readAt());
        final SplitEvent hassan5k = london.stream()
                .filter(r -> r.athleteId().equals("sifan-hassan") && r.timingPointId().equals("5K")).findFirst()
                .orElseThrow();
        assertEquals(Instant.parse("2023-04-23T07:30:00Z").plusMillis(hassan5k.elapsedMs()), hassan5k.readAt());
        assertTrue(london.stream().filter(r -> r.athleteId().startsWith("runner-"))
                .allMatch(r -> !r.readAt().minusMillis(r.elapsedMs()).isBefore(London2023.MASS_WAVES.firstStart())));
    }

    @Test
    void everyAthleteHasACategoryAndATarget() {
        assertEquals(20 + 500, london.athletes().size());
        for (final Athlete a : london.athletes()) {
            assertTrue(a.category().matches("ELITE-[MF]|[MF](18|[3-9][05])"), a.category());
            assertTrue(a.targetMs() != null && a.targetMs() > 0, a.athleteId());
        }
        assertEquals(London2023.MEN_COURSE_RECORD_MS, london.athletes().get(0).targetMs());
        assertEquals(520, london.finishers());
    }

    @Test
    void everyReadIsOneTheTrackerAccepts() {
        ReadChecks.assertAcceptable(london);
    }

    private List<String> finishOrder(final String category) {
        final List<String> ids = london.athletes().stream().filter(a -> a.category().equals(category))
                .map(Athlete::athleteId).toList();
        return ids.stream().sorted(Comparator.comparingLong(id -> elapsed(london, id, "FINISH"))).toList();
    }

    private long leaderTime(final String mat) {
        return london.athletes().stream().filter(a -> a.category().equals("ELITE-F"))
                .mapToLong(a -> elapsed(london, a.athleteId(), mat)).min().orElseThrow();
    }

    private double projection(final String mat, final double metres) {
        return elapsed(london, "sifan-hassan", mat) * 42_195.0 / metres;
    }
}
