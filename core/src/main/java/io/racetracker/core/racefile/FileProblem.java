package io.racetracker.core.racefile;

import java.nio.file.Path;

/**
 * One thing wrong with a race file, placed so that a person can go straight to it.
 *
 * @param file   the race file
 * @param line   1-based line of the value (or of the mapping that lacks a field)
 * @param field  where in the file, e.g. {@code waves[1].bibs} (list indexes count from 0)
 * @param reason what was wrong and what was expected
 */
public record FileProblem(Path file, long line, String field, String reason) {
    @Override
    public String toString() {
        return file + ":" + line + ": field '" + field + "': " + reason;
    }
}
