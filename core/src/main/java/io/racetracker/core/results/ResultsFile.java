package io.racetracker.core.results;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ResultsReader} made of one file.
 *
 * @param file     the file read
 * @param format   its layout
 * @param runners  the usable rows, in file order
 * @param problems the rows that were skipped, each with its line, field and reason
 */
public record ResultsFile(Path file, ResultsFormat format, List<RunnerResult> runners, List<RowProblem> problems) {
    public ResultsFile {
        runners = List.copyOf(runners);
        problems = List.copyOf(problems);
    }
}
