package io.racetracker.core.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.model.Split;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelSplitsTest {
    private static SplitEvent split(final double distanceM, final long elapsedMs) {
        return new SplitEvent("r", "a", "1", "m" + distanceM, distanceM, null, elapsedMs, Instant.EPOCH, null);
    }

    /** What the model was given before: a copy of the splits with a distance and a time above 0. */
    private static List<Split> copied(final List<SplitEvent> history) {
        final List<Split> splits = new ArrayList<>();
        for (final SplitEvent s : history) {
            if (s.distanceM() > 0 && s.elapsedMs() > 0) {
                splits.add(new Split(s.distanceM(), s.elapsedMs()));
            }
        }
        return splits;
    }

    @Test
    void theModelIsGivenTheSplitsItWasGivenBefore() {
        final Random random = new Random(20);
        for (int i = 0; i < 2_000; i++) {
            final List<SplitEvent> history = new ArrayList<>();
            double distance = random.nextInt(3) == 0 ? 0 : 1_000;
            long elapsed = distance == 0 ? random.nextInt(2) : 200_000;
            for (int n = random.nextInt(12) + 1; n > 0; n--) {
                history.add(split(distance, elapsed));
                distance += random.nextInt(6_000);
                elapsed += random.nextInt(1_200_000);
            }
            final List<Split> given = Projector.modelSplits(history);
            assertEquals(copied(history), given, history.toString());
            assertEquals(copied(history).size(), given.size());
            assertEquals(copied(history).hashCode(), given.hashCode());
        }
    }
}
