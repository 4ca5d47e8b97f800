package io.racetracker.core.nowcast;

import java.util.Arrays;

/**
 * The few settings of the nowcast, fitted on training races and fixed before any held-out test (docs/nowcast.md).
 *
 * @param evidence       how many runners' stretches weigh as much as "no difference from the model": an estimate from
 *                       n runners is shrunk by {@code n / (n + evidence)} towards 0
 * @param levelEvidence  the same for a pace level's departure from the whole field's estimate of a stretch
 * @param paceEdges      pace levels: the edges, in seconds per km of the projected finish, between the levels
 * @param bandFloor      the least share of the model's band that is kept once the day's effect on the rest of the
 *                       course is known (the model's band also holds the variation between race days)
 */
public record NowcastSettings(double evidence, double levelEvidence, double[] paceEdges, double bandFloor) {
    /** The settings fitted on Boston 2022 and 2023 (docs/nowcast.md). */
    public static final NowcastSettings DEFAULT = new NowcastSettings(800, 400, new double[] {255, 300, 340, 400}, 0.9);

    public NowcastSettings {
        if (!(evidence >= 0) || !(levelEvidence >= 0)) {
            throw new IllegalArgumentException("evidence must be 0 or more");
        }
        paceEdges = paceEdges.clone();
        for (int i = 1; i < paceEdges.length; i++) {
            if (paceEdges[i] <= paceEdges[i - 1]) {
                throw new IllegalArgumentException("pace edges must increase: " + Arrays.toString(paceEdges));
            }
        }
        if (!(bandFloor > 0 && bandFloor <= 1)) {
            throw new IllegalArgumentException("bandFloor must be in (0, 1]");
        }
    }

    /** The number of pace levels. */
    public int levels() {
        return paceEdges.length + 1;
    }

    /** The pace level of a projected pace, in seconds per km. */
    public int level(final double secondsPerKm) {
        int level = 0;
        while (level < paceEdges.length && secondsPerKm >= paceEdges[level]) {
            level++;
        }
        return level;
    }

    public NowcastSettings withEvidence(final double all, final double level) {
        return new NowcastSettings(all, level, paceEdges, bandFloor);
    }

    public NowcastSettings withBandFloor(final double floor) {
        return new NowcastSettings(evidence, levelEvidence, paceEdges, floor);
    }
}
