package io.racetracker.cli;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.AthleteStatus;
import io.racetracker.core.event.RaceAlert;
import io.racetracker.core.event.RaceResult;
import io.racetracker.core.topic.Topic;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The demo's terminal view: a compact line per athlete's split, alerts as they happen, and results. Pacemakers are
 * tracked like everyone else but kept off the screen.
 */
final class LiveView implements TopicWatcher.Listener {
    private final PrintStream out;
    private final Set<String> pacemakers = ConcurrentHashMap.newKeySet();
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    private final Set<String> resulted = ConcurrentHashMap.newKeySet();
    private final CountDownLatch allFinished;
    private final CountDownLatch allResulted;

    LiveView(final PrintStream out, final long expectedFinishers) {
        this.out = out;
        this.allFinished = new CountDownLatch((int) expectedFinishers);
        this.allResulted = new CountDownLatch((int) expectedFinishers);
    }

    @Override
    public void accept(final Topic<?> topic, final Object value) {
        if (value instanceof AthleteProjection projection) {
            show(projection);
        } else if (value instanceof RaceAlert alert && !pacemakers.contains(alert.athleteId())) {
            out.printf("  >> %s%n", alert.message());
        } else if (value instanceof RaceResult result) {
            out.printf("RESULT %3d. %-12s %s  (%s: %d.)%n", result.place(), shortName(result.name()), result.finishTime(),
                    result.category(), result.categoryPlace());
            if (resulted.add(result.athleteId())) {
                allResulted.countDown();
            }
        }
    }

    private void show(final AthleteProjection p) {
        if (p.pacemaker()) {
            pacemakers.add(p.athleteId());
            return;
        }
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

    /** Counts down once every expected finisher has crossed the finish and has a result. */
    boolean awaitAllDone(final long timeoutMs) throws InterruptedException {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        return allFinished.await(timeoutMs, TimeUnit.MILLISECONDS)
                && allResulted.await(Math.max(0, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
    }

    long finishedCount() {
        return finished.size();
    }

    long resultCount() {
        return resulted.size();
    }

    /** "Eliud Kipchoge" reads as KIPCHOGE, as on broadcast graphics. */
    static String shortName(final String name) {
        final String[] parts = name.trim().split("\\s+");
        return parts[parts.length - 1].toUpperCase(Locale.ROOT);
    }
}
