package io.racetracker.core.passings;

/**
 * A line that cannot be read as a passing. It never stops the lines after it.
 *
 * @param line   1-based line number in the file
 * @param raw    the line as read
 * @param reason what is wrong with it, for a person: which field, what was expected
 */
public record LineProblem(long line, String raw, String reason) implements PassingLine {
}
