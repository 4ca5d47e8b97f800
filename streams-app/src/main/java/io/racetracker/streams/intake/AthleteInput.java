package io.racetracker.streams.intake;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Correction;
import io.racetracker.core.event.DeadLetter;
import java.util.List;

/**
 * What reaches an athlete's task, keyed {@code raceId/athleteId}: a mat read, a registration or an operator's
 * correction. The three topics are co-partitioned, so one processor sees all of an athlete's inputs in one order. In memory between operators
 * only, never through a topic.
 */
public sealed interface AthleteInput {

    /** A mat read from {@code race-splits}, parsed and joined with its course. */
    record Read(ParsedSplit split) implements AthleteInput {
    }

    /**
     * A record of {@code race-athletes}: a registration (possibly with fields that could not be used and were left
     * out), a tombstone ({@code athlete} null, {@code rejected} null), or one that cannot be used at all.
     *
     * @param athlete  the registration, null for a tombstone or a rejected record
     * @param ignored  fields left out of a kept registration, each with why (a sex that is no category, an age of 4)
     * @param rejected the dead letter of a record that cannot be a registration, null otherwise
     * @param raw      the record's bytes, for the dead letters
     */
    record Registration(Athlete athlete, List<String> ignored, DeadLetter rejected, byte[] raw, int partition,
                        long offset) implements AthleteInput {
        public Registration {
            ignored = List.copyOf(ignored);
        }

        public boolean tombstone() {
            return athlete == null && rejected == null;
        }
    }

    /**
     * A record of {@code race-corrections}: an operator's correction, or the dead letter of one that cannot be read.
     *
     * @param correction the correction, null when {@code rejected} is set
     * @param rejected   the dead letter of a record that cannot be a correction
     * @param raw        the record's bytes, for the dead letters
     */
    record Fix(Correction correction, DeadLetter rejected, byte[] raw, int partition, long offset)
            implements AthleteInput {
    }
}
