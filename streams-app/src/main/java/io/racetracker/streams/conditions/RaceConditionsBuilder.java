package io.racetracker.streams.conditions;

import io.racetracker.core.event.RaceConditions;
import io.racetracker.core.nowcast.DayEffect;
import io.racetracker.streams.StateNames;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A race's day, counted whole: adds each athlete task's new observations ({@link DayCounts}, keyed by race id through
 * {@value StateNames#CONDITIONS_DELTAS}) to the race's total in the changelogged store
 * {@value StateNames#DAY_EFFECTS_STORE}, and publishes what the total says now as the race's
 * {@code RaceConditions}. The total is in a store, not in memory, so that a restart or a move of the task goes on
 * from every runner counted before it; the delta, the store's change and the published conditions are in one
 * transaction, so none is counted twice.
 *
 * <p>One publication per delta: with the default interval, a race hears from each athlete task at most every 10 s.
 * Counts of a course whose mats (or the settings) have changed since the total began start a new total: revisions
 * over other stretches cannot be added up.
 */
public final class RaceConditionsBuilder implements Processor<String, DayCounts, String, RaceConditions> {
    private static final Logger LOG = LoggerFactory.getLogger(RaceConditionsBuilder.class);

    private ProcessorContext<String, RaceConditions> context;
    private KeyValueStore<String, DayCounts> totals;

    @Override
    public void init(final ProcessorContext<String, RaceConditions> context) {
        this.context = context;
        this.totals = context.getStateStore(StateNames.DAY_EFFECTS_STORE);
    }

    @Override
    public void process(final Record<String, DayCounts> record) {
        final String raceId = record.key();
        final DayCounts delta = record.value();
        if (raceId == null || delta == null) {
            return;
        }
        final DayCounts stored = totals.get(raceId);
        final DayEffect total;
        if (stored == null || !stored.sameCourseAs(delta)) {
            if (stored != null) {
                LOG.warn("the course or nowcast settings of race '{}' changed; its day is counted again from here",
                        raceId);
            }
            total = delta.dayEffect();
        } else {
            total = stored.dayEffect();
            total.add(delta.dayEffect());
        }
        totals.put(raceId, DayCounts.of(raceId, total));
        context.forward(record.withValue(RaceConditions.of(raceId, Instant.ofEpochMilli(record.timestamp()),
                total.conditions())));
    }
}
