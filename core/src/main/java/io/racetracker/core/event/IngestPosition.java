package io.racetracker.core.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.racetracker.core.topic.Keys;
import java.time.Instant;

/**
 * How far a passings file has been ingested: the value on the compacted {@code race-ingest-positions} topic, keyed
 * by {@link #key()} ({@code raceId/fileName@fileKey}). It is written in the same transaction as the reads and dead
 * letters of the lines up to it, so a restarted ingest goes on after the last line whose outcome is on the topics.
 *
 * @param raceId     race the file belongs to
 * @param file       the file's name
 * @param fileKey    the filesystem's identity of the file (device and inode on Linux), null where it has none; a
 *                   rotated file (a new file at the same path) has another
 * @param line       the last line taken, 1-based (0: none yet)
 * @param byteOffset bytes of the file taken, up to the end of that line
 * @param updatedAt  when this position was written
 */
public record IngestPosition(
        @JsonProperty(required = true) String raceId,
        @JsonProperty(required = true) String file,
        String fileKey,
        @JsonProperty(required = true) long line,
        @JsonProperty(required = true) long byteOffset,
        Instant updatedAt) {

    public IngestPosition {
        Contract.requireRaceId(raceId, "raceId");
        Contract.requireText(file, "file");
        if (line < 0 || byteOffset < 0) {
            throw new IllegalArgumentException("line and byteOffset must be >= 0 (were " + line + ", " + byteOffset + ")");
        }
    }

    /** The identity of a file: its name, and its file key where the filesystem has one. */
    public static String identity(final String file, final String fileKey) {
        return fileKey == null || fileKey.isBlank() ? file : file + "@" + fileKey;
    }

    /** The record key: {@code raceId/} and the file's {@link #identity}. */
    public String key() {
        return key(raceId, file, fileKey);
    }

    public static String key(final String raceId, final String file, final String fileKey) {
        return Keys.athlete(raceId, identity(file, fileKey));
    }
}
