package io.racetracker.streams.athlete;

import io.racetracker.core.event.RaceAlert;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Hands each part of what an athlete's task produced ({@link TrackerOutput}) straight to the sink of its topic, by
 * name, in one node: a projection to {@value #PROJECTIONS}, the latest state (or the tombstone of a state gone) to
 * {@value #STATES}, a broadcast line to {@value #BROADCASTS}, a dead letter to {@value #DEAD_LETTERS} and each alert to
 * {@value #ALERTS}, in that order, each with the input's key, timestamp and headers. The sinks are its children, named
 * so; it keeps nothing.
 */
public final class AthleteOutputs implements Processor<String, TrackerOutput, String, Object> {
    /** The sink of {@code athlete-projections}. */
    public static final String PROJECTIONS = "projections-sink";
    /** The sink of {@code athlete-state}: latest states and tombstones. */
    public static final String STATES = "states-sink";
    /** The sink of {@code broadcast-feed}. */
    public static final String BROADCASTS = "broadcasts-sink";
    /** The sink of {@code race-dead-letters}, for what the athletes' tasks reject. */
    public static final String DEAD_LETTERS = "tracker-dead-letters-sink";
    /** The sink of {@code race-alerts}, for the athletes' own alerts. */
    public static final String ALERTS = "athlete-alerts-sink";

    private ProcessorContext<String, Object> context;

    @Override
    public void init(final ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(final Record<String, TrackerOutput> record) {
        final TrackerOutput out = record.value();
        if (out.projection() != null) {
            context.forward(record.withValue(out.projection()), PROJECTIONS);
        }
        if (out.state() != null) {
            context.forward(record.withValue(out.state()), STATES);
        }
        if (out.stateGone()) {
            // the athlete's only accepted read was voided: no state, a tombstone on the compacted topic
            context.forward(record.withValue(null), STATES);
        }
        if (out.broadcast() != null) {
            context.forward(record.withValue(out.broadcast()), BROADCASTS);
        }
        if (out.deadLetter() != null) {
            context.forward(record.withValue(out.deadLetter()), DEAD_LETTERS);
        }
        for (final RaceAlert alert : out.alerts()) {
            context.forward(record.withValue(alert), ALERTS);
        }
    }
}
