package io.racetracker.streams.http;

import io.racetracker.streams.TrackerService;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * Whether this instance does its job, for {@code GET /health/ready}: a process whose streams client stopped, whose
 * stores do not answer, or whose dashboard feed froze still answers HTTP, and must not be taken for a working one.
 */
final class Readiness {
    private final TrackerService tracker;
    private final OutputFeed feed;

    /** @param tracker the streams app, or null for a server over the feed alone (tests) */
    Readiness(final TrackerService tracker, final OutputFeed feed) {
        this.tracker = tracker;
        this.feed = feed;
    }

    /** What keeps this instance from being ready; empty when it is. */
    List<String> reasons() {
        final List<String> reasons = new ArrayList<>();
        if (tracker != null) {
            final KafkaStreams.State state = tracker.streams().state();
            if (state != KafkaStreams.State.RUNNING) {
                reasons.add("streams client is " + state);
            } else {
                try {
                    tracker.stores().courseCount();
                } catch (final InvalidStateStoreException e) {
                    reasons.add("stores do not answer a query: " + e.getMessage());
                }
            }
        }
        feed.problem().ifPresent(reasons::add);
        return reasons;
    }
}
