package io.racetracker.streams.intake;

import io.racetracker.core.event.Course;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.DeadLetter.Reason;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.json.JsonSerde;
import io.racetracker.core.topic.SourceHeader;
import io.racetracker.core.topic.Topics;
import io.racetracker.streams.StateNames;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The intake of {@code race-splits}, in one node: reads the raw bytes of a mat read into a {@link SplitEvent}, gives
 * it its race's course from the global store {@value StateNames#COURSES_STORE} (or none) and hands it to the athlete's
 * task ({@value #READS}), or hands a dead letter that says what was wrong to its sink ({@value #REJECTED}). Both are
 * its children, named so. Never throws for bad input: a poison record cannot stop the topology.
 */
public final class SplitParser implements FixedKeyProcessor<String, byte[], Object> {
    /** Far above any real read (about 300 bytes); larger payloads are rejected unparsed. */
    public static final int MAX_BYTES = 64 * 1024;
    /** The node where valid reads meet registrations and corrections on their way to the athlete's task. */
    public static final String READS = "athlete-inputs";
    /** The sink of {@code race-dead-letters}, for reads that cannot be parsed. */
    public static final String REJECTED = "parse-dead-letters-sink";

    private final JsonSerde<SplitEvent> serde = Topics.RACE_SPLITS.valueSerde();
    // reused for every read of this task: the check allocates nothing per read
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer decoded = CharBuffer.allocate(MAX_BYTES);
    private FixedKeyProcessorContext<String, Object> context;
    private KeyValueStore<String, Course> courses;

    @Override
    public void init(final FixedKeyProcessorContext<String, Object> context) {
        this.context = context;
        this.courses = context.getStateStore(StateNames.COURSES_STORE);
    }

    @Override
    public void process(final FixedKeyRecord<String, byte[]> record) {
        final RecordMetadata meta = context.recordMetadata().orElseThrow();
        final ParsedSplit read = parse(record.key(), record.value(), meta.partition(), meta.offset());
        // every record written because of this read names it (see SourceHeader)
        final FixedKeyRecord<String, byte[]> named = record.withHeaders(SourceHeader.naming(record.headers(),
                meta.topic(), meta.partition(), meta.offset()));
        if (read.isValid()) {
            context.forward(named.withValue(new AthleteInput.Read(read.withCourse(courses.get(read.split().raceId())))),
                    READS);
        } else {
            context.forward(named.withValue(read.rejected()), REJECTED);
        }
    }

    public ParsedSplit parse(final String key, final byte[] value, final int partition, final long offset) {
        if (value == null) {
            return reject(Reason.NULL_VALUE, "value is null; a mat read is a JSON object", key, null, partition, offset);
        }
        if (value.length > MAX_BYTES) {
            return reject(Reason.OVERSIZED, "value is " + value.length + " bytes; a mat read is at most " + MAX_BYTES,
                    key, value, partition, offset);
        }
        if (!isUtf8(value)) {
            return reject(Reason.NOT_UTF8, "value is not valid UTF-8 text", key, value, partition, offset);
        }
        final SplitEvent split;
        try {
            split = serde.deserialize(Topics.RACE_SPLITS.name(), value);
        } catch (final SerializationException e) {
            final Reason code = e.getMessage().contains("malformed JSON") ? Reason.MALFORMED_JSON : Reason.INVALID_FIELD;
            return reject(code, e.getMessage(), key, value, partition, offset);
        }
        if (key == null) {
            return reject(Reason.NULL_KEY, "key is null; the key must be raceId/athleteId '" + split.key() + "'",
                    null, value, partition, offset);
        }
        if (!key.equals(split.key())) {
            return reject(Reason.KEY_MISMATCH, "key '" + key + "' is not raceId/athleteId '" + split.key()
                    + "'; reads keyed otherwise may land on another partition, out of order", key, value, partition, offset);
        }
        return ParsedSplit.accepted(split, value, partition, offset);
    }

    private static ParsedSplit reject(final Reason code, final String reason, final String key, final byte[] value,
                                      final int partition, final long offset) {
        return ParsedSplit.rejected(DeadLetter.of(code, reason, Topics.RACE_SPLITS.name(), partition, offset, key, value,
                null, null));
    }

    private boolean isUtf8(final byte[] value) {
        if (isAscii(value)) {
            // nearly every read: ASCII is UTF-8, no decoder needed
            return true;
        }
        utf8.reset();
        decoded.clear();
        final CoderResult result = utf8.decode(ByteBuffer.wrap(value), decoded, true);
        return !result.isError() && !utf8.flush(decoded).isError();
    }

    private static boolean isAscii(final byte[] value) {
        for (final byte b : value) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
