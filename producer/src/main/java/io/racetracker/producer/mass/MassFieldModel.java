package io.racetracker.producer.mass;

import io.racetracker.core.event.Sex;
import io.racetracker.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A compact description of a big-city marathon field, fitted from real results by {@link FitMassField}: who runs
 * (sex, age), how fast (finish-time quantiles by sex) and how they pace it (normalised profiles: the fraction of the
 * finish time elapsed at each split), plus how often the mats missed a read.
 *
 * @param source            which files it was fitted from
 * @param runners           finishers in those files
 * @param splits            mat ids of the profile fractions, in course order (finish excluded: its fraction is 1)
 * @param splitDistancesM   distance of each of those mats
 * @param sexShare          share of finishers by sex ({@code M}, {@code F})
 * @param finishQuantilesS  finish time in seconds at quantiles 0, 1/(n-1), ... 1, by sex
 * @param ageBins           lower bounds of the age bins (years)
 * @param ageMix            share of each age bin, by sex
 * @param bandEdgesS        finish times (s) splitting the field into pacing bands, fastest band first
 * @param profiles          pacing profiles: per band, equally likely profiles, each a list of fractions
 * @param missedReadRate    share of (runner, intermediate mat) pairs with no read
 * @param finishersMissingAMat share of finishers with at least one intermediate mat missing
 */
public record MassFieldModel(
        String source,
        long runners,
        List<String> splits,
        List<Double> splitDistancesM,
        Map<String, Double> sexShare,
        Map<String, List<Double>> finishQuantilesS,
        List<Integer> ageBins,
        Map<String, List<Double>> ageMix,
        List<Double> bandEdgesS,
        List<List<List<Double>>> profiles,
        double missedReadRate,
        double finishersMissingAMat) {

    public static final String RESOURCE = "/io/racetracker/producer/mass/mass-field.json";

    /** The model committed with the project. */
    public static MassFieldModel load() {
        try (InputStream in = MassFieldModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return Json.mapper().readValue(in, MassFieldModel.class);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** One sampled runner: sex, age, finish time and the fraction of it elapsed at each of {@link #splits()}. */
    public record Sample(Sex sex, int age, long finishMs, double[] fractions) {
    }

    public Sample sample(final SplittableRandom random) {
        final Sex sex = random.nextDouble() < sexShare.getOrDefault("F", 0.0) ? Sex.F : Sex.M;
        final long finishMs = Math.round(1000 * quantile(finishQuantilesS.get(sex.name()), random.nextDouble()));
        final List<Double> mix = ageMix.get(sex.name());
        final int bin = pick(mix, random.nextDouble());
        final int lower = ageBins.get(bin);
        final int upper = bin + 1 < ageBins.size() ? ageBins.get(bin + 1) : lower + 10;
        final int age = lower + random.nextInt(Math.max(1, upper - lower));
        int band = 0;
        while (band < bandEdgesS.size() && finishMs / 1000.0 > bandEdgesS.get(band)) {
            band++;
        }
        final List<List<Double>> bandProfiles = profiles.get(band);
        final List<Double> profile = bandProfiles.get(random.nextInt(bandProfiles.size()));
        final double[] fractions = new double[profile.size()];
        double previous = 0;
        for (int i = 0; i < fractions.length; i++) {
            // each runner varies a little around the profile, always moving forward
            final double jittered = profile.get(i) * (1 + (random.nextDouble() - 0.5) * 0.008);
            fractions[i] = Math.min(Math.max(jittered, previous + 0.001), 1 - 0.001 * (fractions.length - i));
            previous = fractions[i];
        }
        return new Sample(sex, age, finishMs, fractions);
    }

    /** Linear interpolation between quantiles. */
    static double quantile(final List<Double> quantiles, final double u) {
        final double position = u * (quantiles.size() - 1);
        final int low = (int) Math.floor(position);
        final int high = Math.min(low + 1, quantiles.size() - 1);
        return quantiles.get(low) + (quantiles.get(high) - quantiles.get(low)) * (position - low);
    }

    private static int pick(final List<Double> weights, final double u) {
        double cumulative = 0;
        for (int i = 0; i < weights.size(); i++) {
            cumulative += weights.get(i);
            if (u < cumulative) {
                return i;
            }
        }
        return weights.size() - 1;
    }
}
