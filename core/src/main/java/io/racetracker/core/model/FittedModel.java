package io.racetracker.core.model;

import io.racetracker.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The finish-time model fitted on real results ({@link ModelFitter}).
 *
 * <p>At each fitted split distance a linear regression predicts the fade ratio, {@code log(remaining time /
 * even-pace remaining time)}, from the pace level, the latest segment's pace against the average, sex and age
 * ({@link Features}). The uncertainty is the empirical distribution of that regression's residuals, kept per
 * distance and per pace-level bin, so the band narrows as the distance runs out and is as wide (and as skewed) as
 * the data say for runners of that pace. Between fitted distances (laps, unusual mats) predictions and residual
 * quantiles are interpolated linearly; between pace bins, too. A prediction is a few dozen multiplications and one
 * small array: microseconds.
 */
public final class FittedModel implements FinishTimeModel {
    /** The committed resource the live model loads. */
    public static final String RESOURCE = "/io/racetracker/core/model/finish-model.json";

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private final ModelParameters parameters;
    private final ModelParameters.DistanceFit[] fits;
    private final double[] distances;
    private final double[] z;
    private final int medianIndex;

    public FittedModel(final ModelParameters parameters) {
        this.parameters = parameters;
        final List<ModelParameters.DistanceFit> list = parameters.distances();
        if (list.isEmpty()) {
            throw new IllegalArgumentException("the model has no fitted distances");
        }
        this.fits = list.toArray(ModelParameters.DistanceFit[]::new);
        this.distances = new double[fits.length];
        for (int i = 0; i < fits.length; i++) {
            distances[i] = fits[i].distanceM();
            if (fits[i].coefficients().length != Features.SIZE) {
                throw new IllegalArgumentException("fit at " + distances[i] + " m has " + fits[i].coefficients().length
                        + " coefficients, expected " + Features.SIZE);
            }
            if (i > 0 && distances[i] <= distances[i - 1]) {
                throw new IllegalArgumentException("fitted distances must increase");
            }
        }
        final double[] p = parameters.probabilities();
        this.z = new double[p.length];
        int median = -1;
        for (int i = 0; i < p.length; i++) {
            z[i] = STANDARD_NORMAL.inverseCumulativeProbability(p[i]);
            if (p[i] == 0.5) {
                median = i;
            }
        }
        if (median < 0) {
            throw new IllegalArgumentException("the residual quantiles must include p = 0.5");
        }
        this.medianIndex = median;
    }

    /** The model of the committed resource. */
    public static FittedModel fromResource() {
        try (InputStream in = FittedModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("model resource " + RESOURCE + " is missing from the class path");
            }
            return new FittedModel(Json.mapper().readValue(in, ModelParameters.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model resource " + RESOURCE, e);
        }
    }

    /** A model from a parameter file written by {@link ModelFitter}. */
    public static FittedModel fromFile(final Path file) {
        try {
            return new FittedModel(Json.mapper().readValue(Files.readAllBytes(file), ModelParameters.class));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read model parameters from " + file + ": " + e.getMessage(), e);
        }
    }

    public ModelParameters parameters() {
        return parameters;
    }

    @Override
    public FinishForecast forecast(final List<Split> splits, final double courseDistanceM, final RunnerProfile profile) {
        if (splits.isEmpty()) {
            throw new IllegalArgumentException("at least one split is needed");
        }
        final Split last = splits.get(splits.size() - 1);
        if (courseDistanceM - last.distanceM() < 1) {
            return FinishForecast.finished(last.elapsedMs());
        }
        final Features.Raw raw = Features.raw(splits, courseDistanceM, profile);

        final int k;
        final double w;
        final double d = raw.distanceEq();
        if (d <= distances[0]) {
            k = 0;
            w = 0;
        } else if (d >= distances[distances.length - 1]) {
            k = distances.length - 1;
            w = 0;
        } else {
            int i = 0;
            while (distances[i + 1] <= d) {
                i++;
            }
            k = i;
            w = (d - distances[i]) / (distances[i + 1] - distances[i]);
        }

        final double[] values = new double[z.length];
        double fade = (1 - w) * addFit(fits[k], raw, 1 - w, values);
        if (w > 0) {
            fade += w * addFit(fits[k + 1], raw, w, values);
        }
        final double median = values[medianIndex];
        for (int i = 0; i < values.length; i++) {
            values[i] -= median;
        }
        final double medianRemainingMs = raw.evenRemainingMs() * Math.exp(fade + median);
        return new FinishForecast(last.elapsedMs(), medianRemainingMs, new QuantileSpread(z, values));
    }

    /** Adds one fit's residual quantiles (interpolated between pace bins) times weight; returns its prediction. */
    private static double addFit(final ModelParameters.DistanceFit fit, final Features.Raw raw, final double weight,
                                 final double[] values) {
        final double logPace = Features.clamp(raw.logPace(), fit.logPaceMin(), fit.logPaceMax());
        final double[] centres = fit.binCentres();
        final double[][] q = fit.quantiles();
        final int last = centres.length - 1;
        if (logPace <= centres[0] || last == 0) {
            add(q[0], weight, values);
        } else if (logPace >= centres[last]) {
            add(q[last], weight, values);
        } else {
            int j = 0;
            while (centres[j + 1] <= logPace) {
                j++;
            }
            final double u = (logPace - centres[j]) / (centres[j + 1] - centres[j]);
            add(q[j], weight * (1 - u), values);
            add(q[j + 1], weight * u, values);
        }
        return Features.predict(raw, fit.logPaceMin(), fit.logPaceMax(), fit.coefficients());
    }

    private static void add(final double[] q, final double weight, final double[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] += weight * q[i];
        }
    }
}
