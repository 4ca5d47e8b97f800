package io.racetracker.producer.wire;

import io.racetracker.core.event.SplitEvent;
import java.time.Instant;

/**
 * One record for {@code race-splits}, as the timing system delivers it.
 *
 * @param kind   what it is, for the summary
 * @param key    record key ({@code raceId/athleteId}, except for some malformed records)
 * @param read   the read, null for a malformed record
 * @param raw    the exact bytes to send for a malformed record, null otherwise
 * @param sendAt race-clock moment of delivery; differs from {@code read.readAt()} for late reads
 */
public record Outgoing(Kind kind, String key, SplitEvent read, byte[] raw, Instant sendAt) {
    public enum Kind {
        /** a read delivered on time */
        READ,
        /** a read delivered after reads taken later than it */
        LATE,
        /** an extra read of a crossing already sent */
        DUPLICATE,
        /** a broken record, for testing the dead-letter path */
        MALFORMED
    }
}
