package io.racetracker.cli.bench;

/**
 * What an app's producers wrote to one topic: records, and bytes as batched on the wire.
 *
 * @param records records sent
 * @param bytes   bytes sent, record framing and batch headers included
 */
record Writes(long records, long bytes) {
    static final Writes NONE = new Writes(0, 0);

    Writes plus(final Writes other) {
        return new Writes(records + other.records, bytes + other.bytes);
    }

    double bytesPerRecord() {
        return records == 0 ? 0 : bytes / (double) records;
    }
}
