package io.racetracker.streams.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.DeadLetter.Reason;
import io.racetracker.core.event.Sex;
import io.racetracker.core.json.Json;
import io.racetracker.core.topic.Topics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Reads a record of {@code race-athletes} from its raw bytes. Never throws. A registration that is slightly off (a
 * sex written {@code "m"}, {@code "W"} or {@code "female"}, or one that is no category; an age of 4; a target of 0) is
 * kept without the field it cannot use, and the field is reported: rejecting it whole would make every read of the
 * athlete unknown. A record that cannot be anybody's registration (not JSON, no name, no key, or keyed for another
 * athlete, which would overwrite that athlete's history) is rejected with its reason.
 */
public final class RegistrationParser implements FixedKeyProcessor<String, byte[], AthleteInput> {
    /** Far above any real registration (a few hundred bytes). */
    static final int MAX_BYTES = 64 * 1024;

    private FixedKeyProcessorContext<String, AthleteInput> context;

    @Override
    public void init(final FixedKeyProcessorContext<String, AthleteInput> context) {
        this.context = context;
    }

    @Override
    public void process(final FixedKeyRecord<String, byte[]> record) {
        final RecordMetadata meta = context.recordMetadata().orElseThrow();
        context.forward(record.withValue(parse(record.key(), record.value(), meta.partition(), meta.offset())));
    }

    AthleteInput.Registration parse(final String key, final byte[] value, final int partition, final long offset) {
        if (value == null) {
            return key == null ? reject(Reason.NULL_KEY, "a tombstone needs raceId/athleteId as its key", null, null,
                    partition, offset, null) : new AthleteInput.Registration(null, List.of(), null, null, partition, offset);
        }
        if (value.length > MAX_BYTES) {
            return reject(Reason.OVERSIZED, "value is " + value.length + " bytes; a registration is at most " + MAX_BYTES,
                    key, value, partition, offset, null);
        }
        final JsonNode tree;
        try {
            tree = Json.mapper().readTree(value);
        } catch (final JsonProcessingException e) {
            return reject(Reason.MALFORMED_JSON, "malformed JSON: " + e.getOriginalMessage(), key, value, partition,
                    offset, null);
        } catch (final IOException e) {
            return reject(Reason.MALFORMED_JSON, "malformed JSON: " + e.getMessage(), key, value, partition, offset, null);
        }
        if (!(tree instanceof ObjectNode fields)) {
            return reject(Reason.INVALID_FIELD, "a registration is a JSON object", key, value, partition, offset, null);
        }
        final List<String> ignored = leaveOutWhatCannotBeUsed(fields);
        final Athlete athlete;
        try {
            athlete = Json.mapper().treeToValue(fields, Athlete.class);
        } catch (final JsonProcessingException | IllegalArgumentException e) {
            return reject(Reason.INVALID_FIELD, "not a registration: " + rootMessage(e), key, value, partition, offset,
                    null);
        }
        if (key == null) {
            return reject(Reason.NULL_KEY, "a registration needs raceId/athleteId as its key", null, value, partition,
                    offset, athlete);
        }
        if (!key.equals(athlete.key())) {
            return reject(Reason.KEY_MISMATCH, "key '" + key + "' is not the registration's raceId/athleteId '"
                    + athlete.key() + "'", key, value, partition, offset, athlete);
        }
        return new AthleteInput.Registration(athlete, ignored, null, value, partition, offset);
    }

    /** Fixes or removes the fields a registration can do without, and says which. */
    private static List<String> leaveOutWhatCannotBeUsed(final ObjectNode fields) {
        final List<String> ignored = new ArrayList<>(2);
        final JsonNode sex = fields.get("sex");
        if (sex != null && !sex.isNull()) {
            final Sex parsed = sex.isTextual() ? Sex.parse(sex.asText()).orElse(null) : null;
            if (parsed == null) {
                ignored.add("sex " + sex + " is not M, F or X (nor male, female, W); read as X");
                fields.put("sex", Sex.X.name());
            } else {
                fields.put("sex", parsed.name());
            }
        }
        final JsonNode age = fields.get("age");
        if (age != null && !age.isNull() && !(age.canConvertToInt() && age.isIntegralNumber()
                && age.intValue() >= 5 && age.intValue() <= 110)) {
            ignored.add("age " + age + " is not whole years between 5 and 110; left out");
            fields.remove("age");
        }
        final JsonNode pacemaker = fields.get("pacemaker");
        if (pacemaker == null || pacemaker.isNull()) {
            fields.put("pacemaker", false);
        } else if (!pacemaker.isBoolean()) {
            ignored.add("pacemaker " + pacemaker + " is not true or false; read as false");
            fields.put("pacemaker", false);
        }
        final JsonNode target = fields.get("targetMs");
        if (target != null && !target.isNull() && !(target.isIntegralNumber() && target.longValue() > 0)) {
            ignored.add("targetMs " + target + " is not a time in ms above 0; the race's target applies");
            fields.remove("targetMs");
        }
        return ignored;
    }

    private static String rootMessage(final Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        final String message = cause instanceof JsonProcessingException json ? json.getOriginalMessage() : cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }

    private static AthleteInput.Registration reject(final Reason code, final String reason, final String key,
                                                    final byte[] value, final int partition, final long offset,
                                                    final Athlete athlete) {
        final DeadLetter letter = DeadLetter.of(code, reason, Topics.RACE_ATHLETES.name(), partition, offset, key, value,
                athlete == null ? null : athlete.raceId(), athlete == null ? null : athlete.athleteId());
        return new AthleteInput.Registration(null, List.of(), letter, value, partition, offset);
    }
}
