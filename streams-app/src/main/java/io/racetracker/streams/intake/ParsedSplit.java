package io.racetracker.streams.intake;

import io.racetracker.core.event.Course;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.SplitEvent;

/**
 * A mat read on its way through the topology, with its original bytes and position so that any later rejection
 * can still dead-letter the record exactly as it arrived. Exactly one of {@code split} and {@code rejected} is set.
 * Travels between operators in memory only, never through a topic.
 */
public record ParsedSplit(SplitEvent split, DeadLetter rejected, byte[] raw, int partition, long offset,
                   Course course) {

    static ParsedSplit accepted(final SplitEvent split, final byte[] raw, final int partition, final long offset) {
        return new ParsedSplit(split, null, raw, partition, offset, null);
    }

    static ParsedSplit rejected(final DeadLetter deadLetter) {
        return new ParsedSplit(null, deadLetter, null, deadLetter.partition(), deadLetter.offset(), null);
    }

    public boolean isValid() {
        return split != null;
    }

    public ParsedSplit withCourse(final Course value) {
        return new ParsedSplit(split, rejected, raw, partition, offset, value);
    }

    /** A dead letter for this read: its original key and bytes, with the reason. */
    public DeadLetter reject(final String key, final DeadLetter.Reason code, final String reason) {
        return DeadLetter.of(code, reason, "race-splits", partition, offset, key, raw, split.raceId(), split.athleteId());
    }
}
