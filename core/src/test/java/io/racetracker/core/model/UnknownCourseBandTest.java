package io.racetracker.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.racetracker.core.event.Sex;
import io.racetracker.core.results.MatTime;
import io.racetracker.core.results.RunnerResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * What a course the model was not fitted on adds to the band: measured on a field whose finishes miss the model's
 * projection twice as widely as its band says, the factor is 2, and a forecast on that course carries it; on a course
 * the model was fitted on, nothing changes.
 */
class UnknownCourseBandTest {
    private static final NormalDistribution N = NormalDistribution.of(0, 1);
    /** The model's band: log remaining time around the projection, normal with this sd. */
    private static final double MODEL_SD = 0.1;
    private static final long AT_20K_MS = 6_000_000;

    /** One fit at 20 km, no regression effects: the projection is even pace, the band normal of sd 0.1. */
    private static ModelParameters parameters() {
        final double[] p = ModelFitter.PROBABILITIES;
        final double[] q = new double[p.length];
        for (int j = 0; j < p.length; j++) {
            q[j] = MODEL_SD * N.inverseCumulativeProbability(p[j]);
        }
        final ModelParameters.DistanceFit fit = new ModelParameters.DistanceFit(20_000, 1000,
                new double[] {Math.log(300)}, new double[1 + Features.EXTRA], new double[][] {q}, 0.0, null, null);
        return new ModelParameters("test", List.of("boston-2022.csv.gz"), 1000, List.of(Features.EXTRA_NAMES), p,
                List.of(fit), new ModelParameters.ElitePrior(Math.log(150), Math.log(140), 0.2), List.of());
    }

    /** Runners read at 20 km in 1:40:00 whose rest of the race misses the even-pace projection with this sd. */
    private static ModelFitter.Race field(final String name, final double sd) {
        final long evenRemainingMs = Math.round(AT_20K_MS * (42_195 - 20_000) / 20_000.0);
        final List<RunnerResult> runners = new ArrayList<>();
        final int n = 2_000;
        for (int i = 0; i < n; i++) {
            final double miss = sd * N.inverseCumulativeProbability((i + 0.5) / n);
            final long finishMs = AT_20K_MS + Math.round(evenRemainingMs * Math.exp(miss));
            runners.add(new RunnerResult(Integer.toString(i), 40, Sex.M,
                    List.of(new MatTime("20K", 20_000, AT_20K_MS)), finishMs));
        }
        return new ModelFitter.Race(name, runners);
    }

    @Test
    void aCourseWhoseFieldMissesTwiceAsWideNeedsTwiceTheBand() {
        final ModelParameters fitted = UnknownCourseBand.fit(parameters(), List.of(field("elsewhere-2019", 2 * MODEL_SD)));
        assertEquals(2.0, fitted.distances().get(0).unknownCourseScale(), 0.02);

        final FittedModel model = new FittedModel(fitted);
        assertEquals(2.0, model.courseBandScale("elsewhere-2024", 20_000), 0.02);
        assertEquals(1.0, model.courseBandScale("boston-2024", 20_000), "the course it was fitted on");
    }

    @Test
    void aFieldTheBandAlreadyHoldsAddsNothing() {
        final ModelParameters fitted = UnknownCourseBand.fit(parameters(), List.of(field("elsewhere-2019", MODEL_SD / 2)));
        assertEquals(1.0, fitted.distances().get(0).unknownCourseScale(), "never narrower than the fitted band");
    }

    @Test
    void racesOnTheFittedCoursesAreNotCounted() {
        final ModelParameters parameters = parameters();
        assertSame(parameters, UnknownCourseBand.fit(parameters, List.of(field("boston-2019", 2 * MODEL_SD))));
        assertNull(new FittedModel(parameters).parameters().distances().get(0).unknownCourseScale());
        assertEquals(1.0, new FittedModel(parameters).courseBandScale("elsewhere-2024", 20_000),
                "a model without the measurement does not widen");
    }
}
