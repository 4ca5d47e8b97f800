package io.racetracker.cli;

import io.racetracker.core.results.ResultsFile;
import io.racetracker.core.results.ResultsFormat;
import io.racetracker.core.results.ResultsReader;
import io.racetracker.core.results.RowProblem;
import io.racetracker.producer.results.ResultsReplay;
import io.racetracker.producer.scenario.Scenario;
import java.nio.file.Path;
import java.util.Locale;

/** The scenario a results file implies, with the rows it had to skip reported. */
final class ResultsSource {
    private static final int PROBLEMS_SHOWN = 5;

    private ResultsSource() {
    }

    static Scenario scenario(final Path file, final String format) {
        if (format == null) {
            throw new IllegalArgumentException("--results needs --format boston or --format majors");
        }
        final ResultsFile results = ResultsReader.read(file, ResultsFormat.parse(format));
        if (!results.problems().isEmpty()) {
            System.err.printf(Locale.ROOT, "%s: skipped %,d rows that could not be used:%n", file, results.problems().size());
            results.problems().stream().limit(PROBLEMS_SHOWN).map(RowProblem::toString).forEach(p -> System.err.println("  " + p));
        }
        if (results.runners().isEmpty()) {
            throw new IllegalArgumentException(file + " has no usable rows");
        }
        return ResultsReplay.scenario(results);
    }
}
