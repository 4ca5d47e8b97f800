package io.racetracker.cli;

import io.racetracker.core.model.ModelFitter;
import io.racetracker.core.model.ModelParameters;
import io.racetracker.core.results.RaceNames;
import io.racetracker.core.results.ResultsFile;
import io.racetracker.core.results.ResultsFormat;
import io.racetracker.core.results.ResultsReader;
import io.racetracker.core.results.RunnerResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "fit-model", mixinStandardHelpOptions = true,
        description = {"Fit the finish-time model on results files and write its parameters.",
            "Writing to " + FitModelCommand.LIVE_RESOURCE + " refits the live model (rebuild to use it)."})
final class FitModelCommand implements Callable<Integer> {
    static final String LIVE_RESOURCE = "core/src/main/resources/io/racetracker/core/model/finish-model.json";

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--boston", paramLabel = "FILE", description = "A Boston results file (repeatable).")
    List<Path> boston = new ArrayList<>();

    @Option(names = "--majors", paramLabel = "FILE", description = "A Berlin/Chicago/London results file (repeatable).")
    List<Path> majors = new ArrayList<>();

    @Option(names = "--day-effect-boston", paramLabel = "FILE",
            description = "A Boston results file used only to estimate how much the race day moves the field from "
                    + "year to year on one course; never fitted on (repeatable).")
    List<Path> dayEffectBoston = new ArrayList<>();

    @Option(names = "--day-effect-majors", paramLabel = "FILE",
            description = "A Berlin/Chicago/London results file used the same way (repeatable; the M and W files of "
                    + "a race are taken together).")
    List<Path> dayEffectMajors = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "Where to write the parameters, e.g. " + LIVE_RESOURCE + ".")
    Path out;

    @Option(names = "--quiet", description = "No progress bar or progress lines; only the summary.")
    boolean quiet;

    @Override
    public Integer call() {
        if (boston.isEmpty() && majors.isEmpty()) {
            throw new IllegalArgumentException("give at least one --boston or --majors results file to fit on");
        }
        final Map<String, List<RunnerResult>> training = new LinkedHashMap<>();
        final List<String> names = new ArrayList<>();
        read(boston, ResultsFormat.BOSTON, training, names);
        read(majors, ResultsFormat.MAJORS, training, names);
        final Map<String, List<RunnerResult>> dayEffect = new LinkedHashMap<>();
        final List<String> dayEffectNames = new ArrayList<>();
        read(dayEffectBoston, ResultsFormat.BOSTON, dayEffect, dayEffectNames);
        read(dayEffectMajors, ResultsFormat.MAJORS, dayEffect, dayEffectNames);
        final ModelParameters parameters;
        try (Progress progress = Progress.start("fitting mats", 9, null, quiet)) {
            parameters = ModelFitter.fit(races(training), races(dayEffect), names, dayEffectNames, k -> progress.step());
        }
        parameters.writeTo(out);
        System.out.printf("Fitted on %d finishers from %d files (%d races); wrote %s%n", parameters.runners(),
                names.size(), training.size(), out);
        System.out.println("Race-day standard deviation per mat (log scale): " + parameters.distances().stream()
                .map(f -> String.format(Locale.ROOT, "%.0f m %.4f", f.distanceM(), f.raceDaySd()))
                .collect(Collectors.joining(", ")));
        return 0;
    }

    private static List<ModelFitter.Race> races(final Map<String, List<RunnerResult>> byRace) {
        return byRace.entrySet().stream().map(e -> new ModelFitter.Race(e.getKey(), e.getValue())).toList();
    }

    /** Reads each file into the race it belongs to (the M and W files of a majors race are one race). */
    private static void read(final List<Path> files, final ResultsFormat format,
                             final Map<String, List<RunnerResult>> byRace, final List<String> names) {
        for (final Path file : files) {
            final ResultsFile read = ResultsReader.read(file, format);
            System.out.printf("%s: %d finishers, %d rows skipped%s%n", file, read.runners().size(),
                    read.problems().size(), read.problems().isEmpty() ? "" : " (first: " + read.problems().get(0) + ")");
            final String name = file.getFileName().toString();
            byRace.computeIfAbsent(RaceNames.raceOf(name), r -> new ArrayList<>()).addAll(read.runners());
            names.add(name);
        }
    }
}
