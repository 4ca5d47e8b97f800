package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.model.Models;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * Store and internal topic names are part of a running deployment: a changelog or repartition topic renamed by
 * a graph change would lose state on upgrade. Every one is named on purpose, and stays so.
 */
class TopologyDescriptionTest {

    private static TopologyDescription describe() {
        final Properties props = new Properties();
        props.putAll(StreamsSettings.defaults("unused:9092"));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "race-tracker");
        return TrackerTopology.build(Models.live(), props).describe();
    }

    @Test
    void everyStoreIsNamed() {
        final Set<String> stores = new HashSet<>();
        final Set<String> topics = new HashSet<>();
        for (final TopologyDescription.Subtopology sub : describe().subtopologies()) {
            for (final TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Processor processor) {
                    stores.addAll(processor.stores());
                }
                if (node instanceof TopologyDescription.Source source) {
                    topics.addAll(source.topicSet());
                }
                if (node instanceof TopologyDescription.Sink sink) {
                    topics.add(sink.topic());
                }
            }
        }
        assertEquals(Set.of("athlete-splits", "board-athletes", "board-mats", "board-meta", "leaderboards", "day-effects"),
                stores);
        assertTrue(topics.contains("board-updates-repartition"), topics.toString());
        assertEquals(Set.of("race-splits", "race-athletes", "race-corrections", "athlete-state", "race-leaderboard", "athlete-projections",
                "race-alerts", "broadcast-feed", "race-results", "race-dead-letters", "board-updates-repartition",
                "race-conditions", "day-observations-repartition"), topics,
                "no generated names: every internal topic is named");
        final Set<String> globalStores = new HashSet<>();
        describe().globalStores().forEach(g -> globalStores.addAll(g.processor().stores()));
        assertEquals(Set.of("courses", "conditions"), globalStores);
    }

    @Test
    void noOperatorHasAGeneratedName() {
        for (final TopologyDescription.Subtopology sub : describe().subtopologies()) {
            for (final TopologyDescription.Node node : sub.nodes()) {
                assertTrue(!node.name().startsWith("KSTREAM-") && !node.name().startsWith("KTABLE-"),
                        "generated name " + node.name() + " in sub-topology " + sub.id());
            }
        }
    }
}
