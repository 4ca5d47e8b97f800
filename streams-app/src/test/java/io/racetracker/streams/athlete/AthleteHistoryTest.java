package io.racetracker.streams.athlete;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.racetracker.core.event.SplitEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A split added to a history lands where a stable sort by distance puts it, whatever the splits already there. */
class AthleteHistoryTest {
    private static final Instant GUN = Instant.parse("2026-04-20T08:00:00Z");

    private static SplitEvent split(final Random random, final double[] distances, final int n) {
        final double distance = distances[random.nextInt(distances.length)];
        return new SplitEvent("race", "bib-1", "1", "M" + n, distance, null, 1_000L + n, GUN.plusMillis(n), null);
    }

    @Test
    void aSplitGoesWhereAStableSortByDistancePutsIt() {
        final Random random = new Random(7);
        // few distinct distances, so that many splits tie; -0.0 before 0.0, as Double.compare orders them
        final double[] distances = {-0.0, 0.0, 5_000, 5_000.5, 10_000, 21_097.5, 42_195};
        for (int n = 0; n < 20_000; n++) {
            final List<SplitEvent> before = new ArrayList<>();
            final int size = random.nextInt(12);
            for (int i = 0; i < size; i++) {
                before.add(split(random, distances, i));
            }
            if (random.nextInt(3) != 0) {
                before.sort((a, b) -> Double.compare(a.distanceM(), b.distanceM()));
            }
            final AthleteHistory history = new AthleteHistory(null, before, 0, false, null, null, List.of(), false, null);
            final SplitEvent added = split(random, distances, size);
            assertEquals(history.withSorted(added).splits(), history.with(added).splits(), () -> before + " + " + added);
        }
    }
}
