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
 * Keeps each registration from {@code race-athletes} (key athlete id, co-partitioned with {@code race-splits}) with
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
            context.forward(record.withValue(keyless(record.value())));
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

    private DeadLetter keyless(final Athlete athlete) {
        final RecordMetadata from = context.recordMetadata().orElseThrow();
        final byte[] value = athlete == null ? null
                : Topics.RACE_ATHLETES.valueSerde().serializer().serialize(from.topic(), athlete);
        return DeadLetter.of(DeadLetter.Reason.NULL_KEY, "a registration needs the athlete id as its key", from.topic(),
                from.partition(), from.offset(), null, value, athlete == null ? null : athlete.raceId(),
                athlete == null ? null : athlete.athleteId());
    }
}
