package io.racetracker.cli;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.AthleteStatus;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/** The demo's terminal view: one compact line per projection, and a count of finishers. */
final class LiveView {
    private final PrintStream out;
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    private final CountDownLatch allFinished;

    LiveView(final PrintStream out, final long expectedFinishers) {
        this.out = out;
        this.allFinished = new CountDownLatch((int) expectedFinishers);
    }

    void show(final AthleteProjection p) {
        final AthleteProjection.Display d = p.display();
        if (p.status() == AthleteStatus.FINISHED) {
            out.printf("%-12s FINISH   %s  avg %s  %s sub-%s%n", shortName(p.name()), d.elapsed(), d.averagePace(),
                    p.elapsedMs() < p.targetMs() ? "under" : "over", d.target());
            if (finished.add(p.athleteId())) {
                allFinished.countDown();
            }
            return;
        }
        out.printf("%-12s %5.1f km  %s  avg %s  last %s  proj %s (%s)  %s sub-%s  %s%n", shortName(p.name()),
                p.distanceM() / 1000.0, d.elapsed(), d.averagePace(), d.segmentPace(), d.projectedFinish(), d.band(),
                d.chance(), d.target(), d.vsTarget());
    }

    CountDownLatch allFinished() {
        return allFinished;
    }

    /** "Eliud Kipchoge" reads as KIPCHOGE, as on broadcast graphics. */
    static String shortName(final String name) {
        final String[] parts = name.trim().split("\\s+");
        return parts[parts.length - 1].toUpperCase(Locale.ROOT);
    }
}
