package io.racetracker.streams;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Sex;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.producer.scenario.Scenario;
import io.racetracker.producer.scenario.Vienna2019;
import io.racetracker.producer.wire.WireFaults;
import java.util.ArrayList;
import java.util.List;

/** Vienna with a small chasing field, two of them with hostile names, for the dashboard's tests. */
final class DashboardRace {
    static final String IMG_NAME = "<img src=x onerror=alert(1)>";
    static final String SCRIPT_NAME = "<script>alert(2)</script>";
    static final String IMG_ID = "hostile-img";

    private DashboardRace() {
    }

    static Scenario scenario() {
        final Scenario vienna = Vienna2019.scenario();
        final Athlete kipchoge = Vienna2019.kipchoge();
        final List<Athlete> athletes = new ArrayList<>(vienna.athletes());
        final List<SplitEvent> reads = new ArrayList<>(vienna.reads());
        final List<SplitEvent> his = vienna.reads().stream().filter(r -> r.athleteId().equals(kipchoge.athleteId())).toList();
        final String[][] chasers = {
            {IMG_ID, IMG_NAME, "25"}, {"hostile-script", SCRIPT_NAME, "45"}, {"chaser-anna", "Anna Chaser", "70"}};
        for (int i = 0; i < chasers.length; i++) {
            final Athlete chaser = new Athlete(chasers[i][0], kipchoge.raceId(), String.valueOf(90 + i), chasers[i][1],
                    "AUT", Sex.M, "ELITE-M", 30, kipchoge.targetMs(), false);
            athletes.add(chaser);
            final long behindPerKmMs = Long.parseLong(chasers[i][2]) * 100;
            for (final SplitEvent read : his) {
                final long behind = Math.round(read.distanceM() / 1000 * behindPerKmMs);
                reads.add(new SplitEvent(read.raceId(), chaser.athleteId(), chaser.bib(), read.timingPointId(),
                        read.distanceM(), read.lap(), read.elapsedMs() + behind, read.readAt().plusMillis(behind)));
            }
        }
        return Scenario.of(vienna.name(), vienna.course(), athletes, reads, WireFaults.NONE);
    }
}
