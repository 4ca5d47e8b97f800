package io.racetracker.streams.http;

/**
 * One output record as the dashboard feed passes it on: serialized to JSON once, whatever the number of clients.
 *
 * @param kind      which output topic it came from
 * @param id        {@code topic:partition:offset}, the SSE event id
 * @param raceId    race it belongs to (for filtering)
 * @param athleteId athlete it is about, null for race-level records such as leaderboards
 * @param key       record key
 * @param json      the record value as JSON, exactly as on the topic
 */
public record FeedEvent(Kind kind, String id, String raceId, String athleteId, String key, String json) {
}
