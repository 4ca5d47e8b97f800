package io.racetracker.streams.http;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.Leaderboard;
import java.util.List;
import java.util.Optional;

/**
 * What the HTTP layer asks of the app's queryable state. The local implementation, {@link LocalStateQueries},
 * answers from this instance's stores; with several instances a key may live on another one, and an implementation
 * that looks the owner up with {@code KafkaStreams.queryMetadataForKey} and forwards the request to its
 * {@code application.server} address slots in here without touching the routes.
 */
public interface StateQueries {
    /** The latest projection of one athlete of one race, or empty when none is known. */
    Optional<AthleteProjection> athlete(String raceId, String athleteId);

    /** The latest leaderboard of one race and category ({@code ALL} for the whole race), or empty. */
    Optional<Leaderboard> leaderboard(String raceId, String category);

    /** Every race the app knows: the courses on {@code race-courses}, which every instance holds whole. */
    List<Course> races();
}
