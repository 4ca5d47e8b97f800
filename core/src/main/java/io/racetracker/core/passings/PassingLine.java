package io.racetracker.core.passings;

/**
 * What one line of a timing system's passings file is: a {@link Passing}, a {@link LineProblem}, or a line that
 * carries no passing ({@link Skipped}: the header, a blank line, a comment).
 */
public sealed interface PassingLine permits Passing, LineProblem, PassingLine.Skipped {

    /** 1-based line number in the file. */
    long line();

    /** The line as read, without its line ending (and without a leading byte order mark). */
    String raw();

    /** A line without a passing: the header, a blank line or a {@code #} comment. */
    record Skipped(long line, String raw, String why) implements PassingLine {
    }
}
