package io.racetracker.core.event;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A rejected input record: the value on {@code race-dead-letters}. Carries where the record came from, why it was
 * rejected, and its original bytes (Base64), so that it can be inspected, fixed and replayed.
 *
 * @param code        machine-readable reason, one of {@link Reason}
 * @param reason      what was wrong, for a person: which field, what was expected
 * @param sourceTopic topic the record was read from
 * @param partition   its partition
 * @param offset      its offset
 * @param key         original key as text (null when the key was null)
 * @param valueBase64 original value bytes, Base64, the first {@value #MAX_KEPT_BYTES} of them at most; null when the
 *                    value was null
 * @param valueText   original value as UTF-8 text when it is valid UTF-8 and short enough to show, else null
 * @param raceId      race the record claims, when it could be read
 * @param athleteId   athlete the record claims, when it could be read
 * @param valueSize   the original value's size in bytes (0 for a null value)
 * @param truncated   true when {@code valueBase64} holds only the start of the value: a dead letter must itself stay
 *                    far below the producer's request limit, or the record that caused it would stop its partition
 */
public record DeadLetter(
        Reason code,
        String reason,
        String sourceTopic,
        int partition,
        long offset,
        String key,
        String valueBase64,
        String valueText,
        String raceId,
        String athleteId,
        long valueSize,
        boolean truncated) {

    /** Longest value shown as text; longer values are kept in {@link #valueBase64()} only. */
    public static final int MAX_TEXT_CHARS = 4096;
    /** Most original bytes a dead letter keeps: a dead letter is at most about 90 KB, whatever it was given. */
    public static final int MAX_KEPT_BYTES = 64 * 1024;
    /** Longest reason kept; a longer one (an exception quoting its input) is cut. */
    public static final int MAX_REASON_CHARS = 2048;

    /** Why an input was rejected. */
    public enum Reason {
        NULL_KEY, NULL_VALUE, OVERSIZED, NOT_UTF8, MALFORMED_JSON, INVALID_FIELD, KEY_MISMATCH,
        UNKNOWN_RACE, UNKNOWN_ATHLETE, UNKNOWN_TIMING_POINT, BEYOND_COURSE, TIME_BACKWARDS, IMPOSSIBLE_PACE,
        /** A timing system's passing for a chip that no entrant of the race wears. */
        UNKNOWN_CHIP,
        /** A passing timed before its athlete's wave started. */
        BEFORE_START,
        /** A line of a timing system's file that cannot be read as a passing. */
        MALFORMED_LINE,
        /**
         * A split accepted earlier and taken back: later reads showed it to be the odd one out (a mat's wrong time).
         * Not a rejection of a new record: the partition and offset are -1, the value the split as it was kept.
         */
        TAKEN_BACK,
        /** An operator's correction that cannot be applied (no such athlete, read or mat); the reason says which. */
        INVALID_CORRECTION,
        /** A registration kept without a field it could not use (the field and why are in the reason). */
        FIELD_IGNORED,
        /** An output record the broker would not take (over its size limit); the output was left out. */
        OUTPUT_TOO_LARGE,
        /** A registration, course or other record that could not be read. */
        UNREADABLE_RECORD,
        /** The tracker failed on the record; it was set aside so that the next record goes on. */
        PROCESSING_ERROR
    }

    public static DeadLetter of(final Reason code, final String reason, final String sourceTopic, final int partition,
                                final long offset, final String key, final byte[] value, final String raceId,
                                final String athleteId) {
        final boolean truncated = value != null && value.length > MAX_KEPT_BYTES;
        final byte[] kept = truncated ? Arrays.copyOf(value, MAX_KEPT_BYTES) : value;
        return new DeadLetter(code, cut(reason, MAX_REASON_CHARS), sourceTopic, partition, offset,
                cut(key, MAX_REASON_CHARS), kept == null ? null : Base64.getEncoder().encodeToString(kept), textOf(value),
                raceId, athleteId, value == null ? 0 : value.length, truncated);
    }

    private static String cut(final String text, final int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max) + "...";
    }

    private static String textOf(final byte[] value) {
        if (value == null || value.length > MAX_TEXT_CHARS) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value)).toString();
        } catch (final CharacterCodingException e) {
            return null;
        }
    }
}
