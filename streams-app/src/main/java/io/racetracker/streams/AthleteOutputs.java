package io.racetracker.streams;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.topic.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/** Writes what the athlete tracker produced to the athlete-keyed output topics. */
final class AthleteOutputs {
    private AthleteOutputs() {
    }

    static void write(final KStream<String, TrackerOutput> outputs) {
        // a read that is the athlete's latest gives one projection to both topics: written to JSON once
        final Serde<AthleteProjection> projections = Serdes.serdeFrom(
                new OnceSerializer<>(Topics.ATHLETE_PROJECTIONS.valueSerde()), Topics.ATHLETE_PROJECTIONS.valueSerde());
        TrackerTopology.writePart(outputs, TrackerOutput::projection, Topics.ATHLETE_PROJECTIONS, projections, "projections");
        TrackerTopology.writePart(outputs, TrackerOutput::state, Topics.ATHLETE_STATE, projections, "states");
        // an athlete whose only accepted read was voided has no state: a tombstone on the compacted topic
        outputs.filter((key, out) -> out.stateGone(), Named.as("states-gone"))
                .mapValues(out -> (AthleteProjection) null, Named.as("states-gone-tombstone"))
                .to(Topics.ATHLETE_STATE.name(), Produced.with(Serdes.String(), projections).withName("states-gone-sink"));
        TrackerTopology.writePart(outputs, TrackerOutput::broadcast, Topics.BROADCAST_FEED, "broadcasts");
        TrackerTopology.writePart(outputs, TrackerOutput::deadLetter, Topics.RACE_DEAD_LETTERS, "tracker-dead-letters");
        outputs.flatMapValues(TrackerOutput::alerts, Named.as("athlete-alerts"))
                .to(Topics.RACE_ALERTS.name(), TrackerTopology.produced(Topics.RACE_ALERTS, "athlete-alerts-sink"));
    }
}
