package io.racetracker.streams.board;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Hands what a race's boards produced ({@link BoardOutput}) straight to the sink of its topic, by name, in one node: a
 * leaderboard to {@value #LEADERBOARDS}, a race-level alert to {@value #ALERTS}, a result (or the tombstone of a result
 * withdrawn) to {@value #RESULTS}, in that order, each with the input's key, timestamp and headers. The sinks are its
 * children, named so; it keeps nothing.
 */
public final class BoardOutputs implements Processor<String, BoardOutput, String, Object> {
    /** The sink of {@code race-leaderboard}. */
    public static final String LEADERBOARDS = "leaderboards-sink";
    /** The sink of {@code race-alerts}, for the race-level alerts. */
    public static final String ALERTS = "race-alerts-sink";
    /** The sink of {@code race-results}: results and tombstones. */
    public static final String RESULTS = "results-sink";

    private ProcessorContext<String, Object> context;

    @Override
    public void init(final ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(final Record<String, BoardOutput> record) {
        final BoardOutput out = record.value();
        if (out.leaderboard() != null) {
            context.forward(record.withValue(out.leaderboard()), LEADERBOARDS);
        }
        if (out.alert() != null) {
            context.forward(record.withValue(out.alert()), ALERTS);
        }
        if (out.result() != null) {
            context.forward(record.withValue(out.result()), RESULTS);
        }
        if (out.resultWithdrawn()) {
            // no longer a finisher: a tombstone on the compacted topic
            context.forward(record.withValue(null), RESULTS);
        }
    }
}
