package io.racetracker.core.event;

import io.racetracker.core.nowcast.Conditions;
import io.racetracker.core.nowcast.NowcastSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The day as the field ahead has shown it so far, for one race: the value on the compacted {@code race-conditions}
 * topic, keyed by race id. It carries a {@link Conditions} whole (the mats, per stretch the counts and the shrunk
 * effects per pace level, and the settings they were shrunk with), so that the app's own tasks correct their
 * projections from it ({@link #conditions()}) and a dashboard can show the same figures the projections used.
 *
 * @param raceId        race
 * @param updatedAt     wall-clock time the race's counts last changed
 * @param summary       one line for people: "the field is running 3.1% slower than projected after 20.0 km (1,234
 *                      runners)"
 * @param fieldSlowdown how much slower (+) or faster (-) than the model the field has run so far, as a share
 * @param matsM         the mats after the start, in metres, the finish last
 * @param stretches     one per pair of consecutive mats, in course order
 * @param settings      the nowcast settings the effects were shrunk with
 */
public record RaceConditions(String raceId, Instant updatedAt, String summary, double fieldSlowdown,
                             List<Double> matsM, List<Stretch> stretches, Settings settings) {

    public RaceConditions {
        Contract.requireRaceId(raceId, "raceId");
        matsM = List.copyOf(matsM);
        stretches = List.copyOf(stretches);
        if (stretches.size() != matsM.size() - 1) {
            throw new IllegalArgumentException("one stretch per pair of consecutive mats: " + matsM.size() + " mats and "
                    + stretches.size() + " stretches");
        }
    }

    /**
     * One stretch between two consecutive mats.
     *
     * @param fromM       where it starts, in metres
     * @param toM         where it ends, in metres
     * @param runners     runners counted over it
     * @param fieldMedian the field's median revision over it, in log terms, not shrunk (0 when nobody ran it)
     * @param fieldSpread half the 10%-90% range of the field's revisions over it
     * @param effect      per pace level, the shrunk revision a projection is corrected by (0 where nothing is known)
     */
    public record Stretch(double fromM, double toM, long runners, double fieldMedian, double fieldSpread,
                         List<Double> effect) {
        public Stretch {
            effect = List.copyOf(effect);
        }
    }

    /** The nowcast settings ({@link NowcastSettings}) the effects were shrunk with. */
    public record Settings(double evidence, double levelEvidence, List<Double> paceEdges, double bandFloor) {
        public Settings {
            paceEdges = List.copyOf(paceEdges);
        }

        static Settings of(final NowcastSettings settings) {
            return new Settings(settings.evidence(), settings.levelEvidence(), list(settings.paceEdges()),
                    settings.bandFloor());
        }

        NowcastSettings nowcastSettings() {
            return new NowcastSettings(evidence, levelEvidence, array(paceEdges), bandFloor);
        }
    }

    /** The race's conditions as published at {@code at}. */
    public static RaceConditions of(final String raceId, final Instant at, final Conditions conditions) {
        final double[] mats = conditions.matsM();
        final List<Stretch> stretches = new ArrayList<>(mats.length - 1);
        for (int s = 0; s < mats.length - 1; s++) {
            stretches.add(new Stretch(mats[s], mats[s + 1], conditions.runners()[s], conditions.fieldMedian()[s],
                    conditions.fieldSpread()[s], list(conditions.effect()[s])));
        }
        return new RaceConditions(raceId, at, conditions.summary(), conditions.fieldSlowdown(), list(mats), stretches,
                Settings.of(conditions.settings()));
    }

    /** The {@link Conditions} this record was made of, to correct projections with. */
    public Conditions conditions() {
        final int n = stretches.size();
        final double[][] effect = new double[n][];
        final long[] runners = new long[n];
        final double[] fieldMedian = new double[n];
        final double[] fieldSpread = new double[n];
        final NowcastSettings nowcast = settings.nowcastSettings();
        for (int s = 0; s < n; s++) {
            final Stretch stretch = stretches.get(s);
            if (stretch.effect().size() != nowcast.levels()) {
                throw new IllegalArgumentException("stretch " + s + " has " + stretch.effect().size()
                        + " pace levels; the settings have " + nowcast.levels());
            }
            effect[s] = array(stretch.effect());
            runners[s] = stretch.runners();
            fieldMedian[s] = stretch.fieldMedian();
            fieldSpread[s] = stretch.fieldSpread();
        }
        return new Conditions(array(matsM), effect, runners, fieldMedian, fieldSpread, nowcast);
    }

    private static List<Double> list(final double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static double[] array(final List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
