package io.racetracker.streams.http;

import io.racetracker.core.event.RaceOutput;
import io.racetracker.core.topic.Topic;
import io.racetracker.core.topic.Topics;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of record a dashboard can subscribe to, one per output topic; the SSE {@code event:} name. */
public enum Kind {
    PROJECTION(Topics.ATHLETE_PROJECTIONS),
    STATE(Topics.ATHLETE_STATE),
    LEADERBOARD(Topics.RACE_LEADERBOARD),
    ALERT(Topics.RACE_ALERTS),
    BROADCAST(Topics.BROADCAST_FEED),
    RESULT(Topics.RACE_RESULTS);

    private final Topic<? extends RaceOutput> topic;

    Kind(final Topic<? extends RaceOutput> topic) {
        this.topic = topic;
    }

    public Topic<? extends RaceOutput> topic() {
        return topic;
    }

    /** The name used in {@code ?kind=} and as the SSE event name. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Kind> ofWireName(final String name) {
        return Arrays.stream(values()).filter(k -> k.wireName().equals(name)).findFirst();
    }

    public static Optional<Kind> ofTopic(final String topicName) {
        return Arrays.stream(values()).filter(k -> k.topic.name().equals(topicName)).findFirst();
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(Kind::wireName).collect(Collectors.joining(","));
    }
}
