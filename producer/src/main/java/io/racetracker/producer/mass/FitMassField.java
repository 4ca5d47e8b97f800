package io.racetracker.producer.mass;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.racetracker.core.event.Sex;
import io.racetracker.core.json.Json;
import io.racetracker.core.results.ResultsFormat;
import io.racetracker.core.results.ResultsReader;
import io.racetracker.core.results.RunnerResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fits a {@link MassFieldModel} from real results files and writes it as JSON.
 *
 * <pre>
 * java -cp ... io.racetracker.producer.mass.FitMassField OUT.json FILE...
 * </pre>
 * Each FILE is a Boston results file ({@code .csv}) or a majors file ({@code .psv}), either gzip'd ({@code .gz}) or
 * plain, in the layouts of {@link ResultsFormat}; rows the reader cannot use are skipped.
 */
public final class FitMassField {
    static final List<String> SPLITS = List.of("5K", "10K", "15K", "20K", "HALF", "25K", "30K", "35K", "40K");
    static final List<Double> DISTANCES = List.of(5000.0, 10000.0, 15000.0, 20000.0, 21097.5, 25000.0, 30000.0,
            35000.0, 40000.0);
    static final List<Integer> AGE_BINS = List.of(18, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80);
    static final int QUANTILES = 101;
    static final int BANDS = 3;
    static final int PROFILES_PER_BAND = 5;

    /** One finisher: sex, age (or -1), split seconds (NaN where missed) and finish seconds. */
    record Row(String sex, int age, double[] splits, double finish) {
    }

    private FitMassField() {
    }

    public static void main(final String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: FitMassField OUT.json RESULTS_FILE...");
            System.exit(2);
        }
        final List<Path> files = Arrays.stream(args).skip(1).map(Path::of).toList();
        final MassFieldModel model = fit(files);
        Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(args[0]).toFile(), model);
        System.out.printf(Locale.ROOT, "Fitted %,d finishers from %d files into %s%n", model.runners(), files.size(), args[0]);
    }

    public static MassFieldModel fit(final List<Path> files) throws IOException {
        final List<Row> rows = new ArrayList<>();
        for (final Path file : files) {
            rows.addAll(read(file));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no finishers in " + files);
        }
        final Map<String, Double> sexShare = new LinkedHashMap<>();
        final Map<String, List<Double>> quantiles = new LinkedHashMap<>();
        final Map<String, List<Double>> ageMix = new LinkedHashMap<>();
        for (final String sex : List.of("M", "F")) {
            final double[] finishes = rows.stream().filter(r -> r.sex().equals(sex)).mapToDouble(Row::finish).sorted().toArray();
            sexShare.put(sex, round(finishes.length / (double) rows.size(), 4));
            final List<Double> q = new ArrayList<>();
            for (int i = 0; i < QUANTILES; i++) {
                q.add(round(finishes[(int) Math.round(i / (QUANTILES - 1.0) * (finishes.length - 1))], 0));
            }
            quantiles.put(sex, q);
            final double[] counts = new double[AGE_BINS.size()];
            rows.stream().filter(r -> r.sex().equals(sex) && r.age() >= AGE_BINS.get(0)).forEach(r -> {
                int bin = 0;
                while (bin + 1 < AGE_BINS.size() && r.age() >= AGE_BINS.get(bin + 1)) {
                    bin++;
                }
                counts[bin]++;
            });
            final double total = Arrays.stream(counts).sum();
            ageMix.put(sex, Arrays.stream(counts).map(c -> round(c / total, 4)).boxed().toList());
        }

        long missing = 0;
        long runnersMissing = 0;
        final List<Row> complete = new ArrayList<>();
        for (final Row row : rows) {
            final long none = Arrays.stream(row.splits()).filter(Double::isNaN).count();
            missing += none;
            runnersMissing += none > 0 ? 1 : 0;
            if (none == 0 && increasing(row)) {
                complete.add(row);
            }
        }
        complete.sort(Comparator.comparingDouble(Row::finish));
        final List<Double> bandEdges = new ArrayList<>();
        final List<List<List<Double>>> profiles = new ArrayList<>();
        for (int band = 0; band < BANDS; band++) {
            final List<Row> inBand = new ArrayList<>(complete.subList(band * complete.size() / BANDS,
                    (band + 1) * complete.size() / BANDS));
            if (band > 0) {
                bandEdges.add(round(inBand.get(0).finish(), 0));
            }
            // within a band, order by how much the second half slowed, and average equal-sized groups
            final int half = SPLITS.indexOf("HALF");
            inBand.sort(Comparator.comparingDouble(r -> r.splits()[half] / r.finish()));
            final List<List<Double>> bandProfiles = new ArrayList<>();
            for (int p = 0; p < PROFILES_PER_BAND; p++) {
                final List<Row> group = inBand.subList(p * inBand.size() / PROFILES_PER_BAND,
                        (p + 1) * inBand.size() / PROFILES_PER_BAND);
                final List<Double> fractions = new ArrayList<>();
                for (int s = 0; s < SPLITS.size(); s++) {
                    final int split = s;
                    fractions.add(round(group.stream().mapToDouble(r -> r.splits()[split] / r.finish()).average()
                            .orElseThrow(), 5));
                }
                bandProfiles.add(fractions);
            }
            profiles.add(bandProfiles);
        }
        final String source = String.join(", ", files.stream().map(f -> f.getFileName().toString()).toList());
        return new MassFieldModel(source, rows.size(), SPLITS, DISTANCES, sexShare, quantiles, AGE_BINS, ageMix,
                bandEdges, profiles, round(missing / (double) (rows.size() * SPLITS.size()), 5),
                round(runnersMissing / (double) rows.size(), 4));
    }

    /** Finishers of one file, read with the project's results reader; the format is told by the file name. */
    static List<Row> read(final Path file) {
        final String name = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
        final ResultsFormat format;
        if (name.endsWith(".psv")) {
            format = ResultsFormat.MAJORS;
        } else if (name.endsWith(".csv")) {
            format = ResultsFormat.BOSTON;
        } else {
            throw new IllegalArgumentException(file + ": expected a Boston .csv or a majors .psv file (optionally .gz)");
        }
        final List<Row> rows = new ArrayList<>();
        for (final RunnerResult runner : ResultsReader.read(file, format).runners()) {
            if (runner.sex() == Sex.X) {
                continue;
            }
            final double[] splits = runner.mats().stream()
                    .mapToDouble(m -> m.read() ? m.elapsedMs() / 1000.0 : Double.NaN).toArray();
            rows.add(new Row(runner.sex().name(), runner.age() == null ? -1 : runner.age(), splits,
                    runner.finishMs() / 1000.0));
        }
        return rows;
    }

    private static boolean increasing(final Row row) {
        double previous = 0;
        for (final double t : row.splits()) {
            if (!(t > previous)) {
                return false;
            }
            previous = t;
        }
        return row.finish() > previous;
    }

    private static double round(final double value, final int decimals) {
        final double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
