package io.racetracker.streams;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.topic.Topics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each registration from {@code race-athletes} (key {@code raceId/athleteId}, co-partitioned with {@code race-splits}) with
 * the athlete's history in {@value TrackerTopology#ATHLETE_SPLITS_STORE}, where {@link AthleteTracker} finds it in the
 * same lookup as the splits. A new registration replaces the old one from the next read on; a tombstone removes it
 * (later reads of the athlete are rejected as unknown) and keeps the splits already accepted. A registration
 * without a key cannot belong to anyone: it becomes a dead letter.
 */
final class AthleteRegistry implements Processor<String, Athlete, String, DeadLetter> {
    private ProcessorContext<String, DeadLetter> context;
    private KeyValueStore<String, AthleteHistory> store;

    @Override
    public void init(final ProcessorContext<String, DeadLetter> context) {
        this.context = context;
        this.store = context.getStateStore(TrackerTopology.ATHLETE_SPLITS_STORE);
    }

    @Override
    public void process(final Record<String, Athlete> record) {
        if (record.key() == null) {
            context.forward(record.withValue(rejected(DeadLetter.Reason.NULL_KEY,
                    "a registration needs raceId/athleteId as its key", null, record.value())));
            return;
        }
        if (record.value() != null && !record.key().equals(record.value().key())) {
            // kept, it would overwrite another athlete's registration and be projected again with every read
            context.forward(record.withValue(rejected(DeadLetter.Reason.KEY_MISMATCH, "key '" + record.key()
                    + "' is not the registration's raceId/athleteId '" + record.value().key() + "'", record.key(), record.value())));
            return;
        }
        final AthleteHistory history = store.get(record.key());
        if (history == null && record.value() == null) {
            return;
        }
        final AthleteHistory registered = (history == null ? AthleteHistory.EMPTY : history).withAthlete(record.value());
        if (registered.athlete() == null && registered.splits().isEmpty()) {
            store.delete(record.key());
        } else {
            store.put(record.key(), registered);
        }
    }

    private DeadLetter rejected(final DeadLetter.Reason code, final String reason, final String key,
                                final Athlete athlete) {
        final RecordMetadata from = context.recordMetadata().orElseThrow();
        final byte[] value = athlete == null ? null
                : Topics.RACE_ATHLETES.valueSerde().serializer().serialize(from.topic(), athlete);
        return DeadLetter.of(code, reason, from.topic(), from.partition(), from.offset(), key, value,
                athlete == null ? null : athlete.raceId(), athlete == null ? null : athlete.athleteId());
    }
}
