package io.racetracker.core.topic;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The record header {@value #NAME} that names the input record an output record was made from, as
 * {@code topic/partition/offset} (for example {@code race-splits/3/1207}). The streams app sets it on each mat read
 * as it parses it, and Kafka Streams carries a record's headers to every record written from it in the same
 * sub-topology: projections, state updates (a duplicate read's included), athlete alerts, broadcast lines and dead
 * letters. {@code verify} uses it to account for every read by its position, not by counts that could balance a
 * lost read against a doubled one.
 *
 * <p>A header, not a field of the values: the JSON on the topics stays as it is for every reader, the position is
 * metadata about where a record came from rather than about the athlete, and one header serves every output type
 * alike. Records made by a punctuation (did-not-finish, published leaderboards) have no source read and no header.
 */
public final class SourceHeader {
    public static final String NAME = "rt-source";

    /** A position on a topic. */
    public record Position(String topic, int partition, long offset) {
        @Override
        public String toString() {
            return topic + "/" + partition + "/" + offset;
        }
    }

    private SourceHeader() {
    }

    public static byte[] value(final String topic, final int partition, final long offset) {
        return new Position(topic, partition, offset).toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A copy of a record's headers that names this position as its source, replacing any {@value #NAME} already
     * there (a sender's, or an earlier step's). A copy, so that the record context's own headers stay as they were
     * read.
     */
    public static Headers naming(final Headers headers, final String topic, final int partition, final long offset) {
        final Headers named = new RecordHeaders(headers.toArray());
        named.remove(NAME);
        named.add(NAME, value(topic, partition, offset));
        return named;
    }

    /** The position a header value names; empty when it is not {@code topic/partition/offset}. */
    public static Optional<Position> parse(final byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        final String text = new String(value, StandardCharsets.UTF_8);
        final int offsetAt = text.lastIndexOf('/');
        final int partitionAt = offsetAt <= 0 ? -1 : text.lastIndexOf('/', offsetAt - 1);
        if (partitionAt <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Position(text.substring(0, partitionAt),
                    Integer.parseInt(text.substring(partitionAt + 1, offsetAt)), Long.parseLong(text.substring(offsetAt + 1))));
        } catch (final NumberFormatException e) {
            return Optional.empty();
        }
    }
}
