package io.racetracker.streams;

import io.racetracker.core.topic.Topics;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Reads {@code race-splits} as raw bytes so that nothing can fail before the tracker sees it: every record that
 * is not a valid read goes to {@code race-dead-letters} with its reason and original bytes.
 */
final class SplitIntake {
    private SplitIntake() {
    }

    /** The valid reads, keyed by athlete id; the rest are already on their way to the dead letters. */
    static KStream<String, ParsedSplit> validReads(final StreamsBuilder builder) {
        final Map<String, KStream<String, ParsedSplit>> parsed = builder
                .stream(Topics.RACE_SPLITS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("splits-source"))
                .processValues(SplitParser::new, Named.as("parse-split"))
                .split(Named.as("parsed-"))
                .branch((athleteId, read) -> read.isValid(), Branched.as("valid"))
                .defaultBranch(Branched.as("invalid"));
        parsed.get("parsed-invalid")
                .mapValues(ParsedSplit::rejected, Named.as("parse-rejections"))
                .to(Topics.RACE_DEAD_LETTERS.name(),
                        TrackerTopology.produced(Topics.RACE_DEAD_LETTERS, "parse-dead-letters-sink"));
        return parsed.get("parsed-valid");
    }
}
