package io.racetracker.core.racefile;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A race file that cannot be used, with every problem found in it, so that one round of edits can fix them all. The
 * message lists the problems one per line.
 */
public final class RaceFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient List<FileProblem> problems;

    public RaceFileException(final List<FileProblem> problems) {
        super(problems.stream().map(FileProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in file order. */
    public List<FileProblem> problems() {
        return problems;
    }
}
