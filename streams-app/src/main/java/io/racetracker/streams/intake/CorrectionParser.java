package io.racetracker.streams.intake;

import io.racetracker.core.event.Correction;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.DeadLetter.Reason;
import io.racetracker.core.json.JsonSerde;
import io.racetracker.core.topic.SourceHeader;
import io.racetracker.core.topic.Topics;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Reads an operator's correction from {@code race-corrections} from its raw bytes. Never throws: a correction that
 * cannot be read, has no key, or is keyed for another athlete becomes a dead letter with its reason.
 */
public final class CorrectionParser implements FixedKeyProcessor<String, byte[], AthleteInput> {
    static final int MAX_BYTES = 64 * 1024;

    private final JsonSerde<Correction> serde = Topics.RACE_CORRECTIONS.valueSerde();
    private FixedKeyProcessorContext<String, AthleteInput> context;

    @Override
    public void init(final FixedKeyProcessorContext<String, AthleteInput> context) {
        this.context = context;
    }

    @Override
    public void process(final FixedKeyRecord<String, byte[]> record) {
        final RecordMetadata meta = context.recordMetadata().orElseThrow();
        // what a correction makes (a time entered by hand, a state recomputed) names it, as a read's outputs name the read
        context.forward(record.withValue(parse(record.key(), record.value(), meta.partition(), meta.offset()))
                .withHeaders(SourceHeader.naming(record.headers(), meta.topic(), meta.partition(), meta.offset())));
    }

    AthleteInput.Fix parse(final String key, final byte[] value, final int partition, final long offset) {
        if (value == null || value.length > MAX_BYTES) {
            return reject(value == null ? Reason.NULL_VALUE : Reason.OVERSIZED, value == null
                    ? "a correction is a JSON object, not null" : "value is " + value.length + " bytes; a correction is"
                    + " at most " + MAX_BYTES, key, value, partition, offset);
        }
        final Correction correction;
        try {
            correction = serde.deserialize(Topics.RACE_CORRECTIONS.name(), value);
        } catch (final SerializationException e) {
            final Reason code = e.getMessage().contains("malformed JSON") ? Reason.MALFORMED_JSON : Reason.INVALID_FIELD;
            return reject(code, e.getMessage(), key, value, partition, offset);
        }
        if (key == null || !key.equals(correction.key())) {
            return reject(key == null ? Reason.NULL_KEY : Reason.KEY_MISMATCH, "key '" + key + "' is not the"
                    + " correction's raceId/athleteId '" + correction.key() + "'", key, value, partition, offset);
        }
        return new AthleteInput.Fix(correction, null, value, partition, offset);
    }

    private static AthleteInput.Fix reject(final Reason code, final String reason, final String key, final byte[] value,
                                           final int partition, final long offset) {
        return new AthleteInput.Fix(null, DeadLetter.of(code, reason, Topics.RACE_CORRECTIONS.name(), partition, offset,
                key, value, null, null), value, partition, offset);
    }
}
