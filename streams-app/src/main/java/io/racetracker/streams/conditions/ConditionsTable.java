package io.racetracker.streams.conditions;

import io.racetracker.core.event.RaceConditions;
import io.racetracker.core.topic.Topics;
import io.racetracker.streams.StateNames;
import io.racetracker.streams.intake.CourseTable;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every race's latest conditions, held whole by every instance: {@code race-conditions} (key race id, value
 * {@code RaceConditions}, written by {@link RaceConditionsBuilder}) into the global store
 * {@value StateNames#CONDITIONS_STORE}, which the athletes' tasks read to correct their projections for the day.
 *
 * <p>Global, because the race's counts are kept in the race's task and every athlete's task needs them. Read as raw
 * bytes and parsed here, as {@link CourseTable} does, so that a record that cannot be read is skipped with a warning
 * (the race keeps its last conditions) rather than killing the global thread.
 */
public final class ConditionsTable {
    private static final Logger LOG = LoggerFactory.getLogger(ConditionsTable.class);

    private ConditionsTable() {
    }

    /** Keeps each readable race's conditions, removes a race on a tombstone, and skips anything else. */
    public static final class ConditionsUpdater implements Processor<String, byte[], Void, Void> {
        private KeyValueStore<String, RaceConditions> store;

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            this.store = context.getStateStore(StateNames.CONDITIONS_STORE);
        }

        @Override
        public void process(final Record<String, byte[]> record) {
            if (record.key() == null) {
                LOG.warn("skipping a race-conditions record without a key");
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
                return;
            }
            final RaceConditions conditions;
            try {
                conditions = Topics.RACE_CONDITIONS.valueSerde().deserializer()
                        .deserialize(Topics.RACE_CONDITIONS.name(), record.value());
                conditions.conditions();
            } catch (final RuntimeException e) {
                LOG.warn("skipping the conditions of race '{}', which cannot be read: {}; the race keeps its last"
                        + " conditions", record.key(), e.getMessage());
                return;
            }
            store.put(record.key(), conditions);
        }
    }
}
