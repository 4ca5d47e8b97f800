package io.racetracker.core.model;

import io.racetracker.core.json.Json;
import io.racetracker.core.results.RaceNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fitted model's parameters, as kept in the committed resource {@code finish-model.json}.
 *
 * @param description   what the model is, in one line
 * @param fittedOn      the results files it was fitted on (names only)
 * @param runners       finishers used
 * @param features      names of the regression features after the pace-level knots, in coefficient order
 * @param probabilities the probabilities at which residual quantiles are kept
 * @param distances     one fit per split distance, in increasing distance
 * @param elitePrior    what the model assumes beyond the fastest paces it was fitted on
 * @param dayEffectFrom other results files used only to estimate the race-day spread (never fitted on)
 */
public record ModelParameters(String description, List<String> fittedOn, int runners, List<String> features,
                              double[] probabilities, List<DistanceFit> distances, ElitePrior elitePrior,
                              List<String> dayEffectFrom) {

    /**
     * Paced record attempts (Vienna 2019: sub-2:00 behind rotating pacemakers and a laser car) are faster than any
     * runner in mass-race results, which cannot say how such a runner fades. Beyond the fastest pace-level knot the
     * model moves, linearly in log pace, from what the data say towards this prior: even pace from here on, with
     * the fastest bin's residual spread scaled by {@code spreadScale}. A set prior, not fitted.
     *
     * @param startLogPace log pace (s/km) where the blend starts: the fastest knot of the fit
     * @param fullLogPace  log pace (s/km) from which the prior holds fully
     * @param spreadScale  factor on the spread under the prior
     */
    public record ElitePrior(double startLogPace, double fullLogPace, double spreadScale) {
        /** Weight of the prior at a log pace, in [0, 1]. */
        public double weight(final double logPace) {
            if (logPace >= startLogPace) {
                return 0;
            }
            if (logPace <= fullLogPace) {
                return 1;
            }
            return (startLogPace - logPace) / (startLogPace - fullLogPace);
        }
    }

    /**
     * The fit at one split distance (on a marathon).
     *
     * @param distanceM     the split distance
     * @param runners       finishers with a read here
     * @param binCentres    log paces (s/km) of the pace-level bins, increasing: the knots of the pace effect; paces
     *                      outside them are treated as the outer knot
     * @param coefficients  regression of the fade ratio: one level per knot, then the other features
     * @param quantiles     per bin, the residual quantiles at {@link ModelParameters#probabilities()}, the race-day
     *                      component included
     * @param raceDaySd     standard deviation (log scale) of a race's median residual from year to year on the same
     *                      course, convolved into the quantiles; 0 or null (older files) when not estimated
     * @param runnerScale   how one runner's spread within a race day differs from the bin's (null in older files:
     *                      every runner gets the bin's band)
     * @param unknownCourseScale the factor on the band of a projection from here on a course the model was not
     *                      fitted on ({@link UnknownCourseBand}); null (older files, or no such course to measure it
     *                      on) is 1
     */
    public record DistanceFit(double distanceM, int runners, double[] binCentres, double[] coefficients,
                              double[][] quantiles, Double raceDaySd, RunnerScale runnerScale,
                              Double unknownCourseScale) {

        /** This fit with the factor on the band of an unknown course. */
        public DistanceFit withUnknownCourseScale(final double scale) {
            return new DistanceFit(distanceM, runners, binCentres, coefficients, quantiles, raceDaySd, runnerScale, scale);
        }
    }

    /** The courses the model's centre was fitted on, from the names of its files ({@code boston-2022.csv.gz} gives {@code boston}). */
    public Set<String> courses() {
        return fittedOn == null ? Set.of()
                : fittedOn.stream().map(RaceNames::raceOf).map(RaceNames::courseOf).collect(Collectors.toUnmodifiableSet());
    }

    /** The same parameters with other fits. */
    public ModelParameters withDistances(final List<DistanceFit> fits) {
        return new ModelParameters(description, fittedOn, runners, features, probabilities, fits, elitePrior, dayEffectFrom);
    }

    /**
     * Within a pace bin, runners differ in how predictable they are: one who has just slowed down may be cramping or
     * about to walk, and men and younger runners vary more than women and older ones. The bin's quantiles are those
     * of a runner with factor 1; a runner's spread within the race day is the bin's times
     * {@code exp(logFactor)}, the log factor being a piecewise-linear curve in the latest segment (one value per
     * knot, flat beyond the outer knots) plus a linear term in the other features. Its mean over the runners fitted
     * on is 0.
     *
     * @param segmentKnots increasing values of {@code log(latest segment pace / average pace)}: percentiles of it
     *                     at this mat (a single knot where the segment is the whole race so far, at the first mat)
     * @param coefficients the log factor at each segment knot, then one coefficient per {@link #FEATURES} entry
     */
    public record RunnerScale(double[] segmentKnots, double[] coefficients) {
        /** The features after the segment knots, in coefficient order. */
        public static final List<String> FEATURES = List.of("female", "age", "age^2", "ageUnknown", "female*age");

        /** The log of the runner's factor on the within-day spread. */
        double logFactor(final Features.Raw raw) {
            final int j = Features.knotBelow(raw.logSegment(), segmentKnots);
            final double u = Features.knotWeight(raw.logSegment(), segmentKnots, j);
            final double curve = segmentKnots.length == 1 ? coefficients[0]
                    : coefficients[j] * (1 - u) + coefficients[j + 1] * u;
            final int e = segmentKnots.length;
            return curve + coefficients[e] * raw.female() + coefficients[e + 1] * raw.age()
                    + coefficients[e + 2] * raw.age() * raw.age() + coefficients[e + 3] * raw.ageUnknown()
                    + coefficients[e + 4] * raw.female() * raw.age();
        }
    }

    /** Writes parameters as the indented JSON the model loads. */
    public void writeTo(final Path file) {
        try {
            final Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model parameters to " + file, e);
        }
    }
}
