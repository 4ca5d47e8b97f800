package io.racetracker.core.results;

import java.nio.file.Path;

/**
 * A row that could not be used, and why.
 *
 * @param file   the results file
 * @param line   1-based line number in the (decompressed) file
 * @param field  the column at fault
 * @param reason what was wrong and what was expected
 */
public record RowProblem(Path file, long line, String field, String reason) {
    @Override
    public String toString() {
        return file + ":" + line + ": field '" + field + "': " + reason;
    }
}
