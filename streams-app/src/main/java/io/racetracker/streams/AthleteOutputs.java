package io.racetracker.streams;

import io.racetracker.core.topic.Topics;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/** Writes what the athlete tracker produced to the athlete-keyed output topics. */
final class AthleteOutputs {
    private AthleteOutputs() {
    }

    static void write(final KStream<String, TrackerOutput> outputs) {
        outputs.filter((athleteId, out) -> out.projection() != null, Named.as("accepted-splits"))
                .mapValues(TrackerOutput::projection, Named.as("projections"))
                .to(Topics.ATHLETE_PROJECTIONS.name(), TrackerTopology.produced(Topics.ATHLETE_PROJECTIONS, "projections-sink"));
        outputs.filter((athleteId, out) -> out.state() != null, Named.as("state-changes"))
                .mapValues(TrackerOutput::state, Named.as("states"))
                .to(Topics.ATHLETE_STATE.name(), TrackerTopology.produced(Topics.ATHLETE_STATE, "state-sink"));
        outputs.flatMapValues(TrackerOutput::alerts, Named.as("athlete-alerts"))
                .to(Topics.RACE_ALERTS.name(), TrackerTopology.produced(Topics.RACE_ALERTS, "athlete-alerts-sink"));
        outputs.filter((athleteId, out) -> out.broadcast() != null, Named.as("broadcasts-due"))
                .mapValues(TrackerOutput::broadcast, Named.as("broadcasts"))
                .to(Topics.BROADCAST_FEED.name(), TrackerTopology.produced(Topics.BROADCAST_FEED, "broadcast-sink"));
        outputs.filter((athleteId, out) -> out.deadLetter() != null, Named.as("tracker-rejections"))
                .mapValues(TrackerOutput::deadLetter, Named.as("tracker-dead-letters"))
                .to(Topics.RACE_DEAD_LETTERS.name(), TrackerTopology.produced(Topics.RACE_DEAD_LETTERS, "tracker-dead-letters-sink"));
    }
}
