package io.racetracker.cli;

import io.racetracker.core.model.ModelFitter;
import io.racetracker.core.model.ModelParameters;
import io.racetracker.core.results.ResultsFile;
import io.racetracker.core.results.ResultsFormat;
import io.racetracker.core.results.ResultsReader;
import io.racetracker.core.results.RunnerResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
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

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "Where to write the parameters, e.g. " + LIVE_RESOURCE + ".")
    Path out;

    @Override
    public Integer call() {
        if (boston.isEmpty() && majors.isEmpty()) {
            throw new IllegalArgumentException("give at least one --boston or --majors results file to fit on");
        }
        final List<RunnerResult> runners = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        read(boston, ResultsFormat.BOSTON, runners, names);
        read(majors, ResultsFormat.MAJORS, runners, names);
        final ModelParameters parameters;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("fitting mats").setInitialMax(9)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).build()) {
            parameters = ModelFitter.fit(runners, names, k -> bar.step());
        }
        ModelFitter.write(parameters, out);
        System.out.printf("Fitted on %d finishers from %d files; wrote %s%n", runners.size(), names.size(), out);
        return 0;
    }

    private static void read(final List<Path> files, final ResultsFormat format, final List<RunnerResult> runners,
                             final List<String> names) {
        for (final Path file : files) {
            final ResultsFile read = ResultsReader.read(file, format);
            System.out.printf("%s: %d finishers, %d rows skipped%s%n", file, read.runners().size(),
                    read.problems().size(), read.problems().isEmpty() ? "" : " (first: " + read.problems().get(0) + ")");
            runners.addAll(read.runners());
            names.add(file.getFileName().toString());
        }
    }
}
