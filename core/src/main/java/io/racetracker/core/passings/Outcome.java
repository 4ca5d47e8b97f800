package io.racetracker.core.passings;

import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.SplitEvent;
import java.time.Instant;

/** What one line of a passings file comes to for the race: a read, an athlete's start, a rejection, or nothing. */
public sealed interface Outcome permits Outcome.Read, Outcome.Start, Outcome.Rejected, Outcome.Skipped {

    /** The line's number in the file. */
    long line();

    /**
     * A read to put on {@code race-splits}.
     *
     * @param repeat true when this chip's crossing was already read (a timing system reads a chip several times in
     *               one crossing); the same crossing is sent again and the tracker counts it as a duplicate
     */
    record Read(long line, SplitEvent split, boolean repeat) implements Outcome {
    }

    /**
     * A read at the start mat: the athlete's own start, from which their chip time counts. Not a read of its own.
     *
     * @param gunElapsedMs how long after the wave's gun the athlete crossed the start, when the gun is known
     * @param repeat       true when the athlete's start was already taken (a later read of the same chip at the mat)
     */
    record Start(long line, String raceId, String athleteId, String bib, Instant at, Long gunElapsedMs, boolean repeat)
            implements Outcome {
    }

    /**
     * A line that gives no read, with why.
     *
     * @param athleteId the athlete the line names, when known
     * @param chip      the chip the line names, when it could be read
     */
    record Rejected(long line, String raw, DeadLetter.Reason code, String message, String athleteId, String chip)
            implements Outcome {
    }

    /** A header, blank or comment line. */
    record Skipped(long line) implements Outcome {
    }
}
