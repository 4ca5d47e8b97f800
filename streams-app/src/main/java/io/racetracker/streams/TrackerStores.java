package io.racetracker.streams;

import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.Leaderboard;
import io.racetracker.core.event.RaceConditions;
import io.racetracker.core.model.FinishTimeModel;
import io.racetracker.core.nowcast.Conditions;
import io.racetracker.core.projection.Projector;
import io.racetracker.core.topic.Keys;
import io.racetracker.streams.athlete.AthleteHistory;
import io.racetracker.streams.athlete.AthleteTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Read access to this instance's part of the tracker's state, for interactive queries. An athlete's state is not
 * stored twice: it is projected, with the same code and model as the published {@code athlete-state}, from the
 * accepted splits in {@value StateNames#ATHLETE_SPLITS_STORE}. Leaderboards are the latest published ones.
 *
 * <p>Every method throws {@link InvalidStateStoreException} while a store is not queryable (starting, rebalancing,
 * or the key's partition is not on this instance).
 */
public final class TrackerStores {
    /** The store, and key, whose owner answers for an athlete: key {@code raceId/athleteId}. */
    public static final String ATHLETE_OWNER_STORE = StateNames.ATHLETE_SPLITS_STORE;
    /** The store, and key, whose owner answers for a race's leaderboards: key the race id. */
    public static final String RACE_OWNER_STORE = StateNames.LEADERBOARDS_STORE;

    private final KafkaStreams streams;
    private final Projector projector;
    private final boolean nowcast;

    public TrackerStores(final KafkaStreams streams, final FinishTimeModel model) {
        this(streams, model, true);
    }

    /** @param nowcast whether states are corrected by their race's conditions, as the app's own are */
    public TrackerStores(final KafkaStreams streams, final FinishTimeModel model, final boolean nowcast) {
        this.streams = streams;
        this.projector = new Projector(model);
        this.nowcast = nowcast;
    }

    /** The athlete's latest state, or empty when no split of theirs was accepted here. */
    public Optional<AthleteProjection> athleteState(final String raceId, final String athleteId) {
        final AthleteHistory history = this.<AthleteHistory>plain(StateNames.ATHLETE_SPLITS_STORE)
                .get(Keys.athlete(raceId, athleteId));
        if (history == null || history.splits().isEmpty()) {
            return Optional.empty();
        }
        final Course course = this.<Course>plain(StateNames.COURSES_STORE).get(history.latest().raceId());
        return history.athlete() == null || course == null ? Optional.empty()
                : Optional.of(AthleteTracker.stateOf(projector, course, history, conditions(course.raceId())));
    }

    /** The race's latest conditions from the global store {@value StateNames#CONDITIONS_STORE}, or null. */
    private Conditions conditions(final String raceId) {
        if (!nowcast) {
            return null;
        }
        final RaceConditions published = this.<RaceConditions>plain(StateNames.CONDITIONS_STORE).get(raceId);
        return published == null ? null : published.conditions();
    }

    /** The latest published leaderboard of a race and category ({@code ALL} for the whole race), or empty. */
    public Optional<Leaderboard> leaderboard(final String raceId, final String category) {
        return Optional.ofNullable(this.<Leaderboard>plain(StateNames.LEADERBOARDS_STORE)
                .get(Leaderboard.key(raceId, category)));
    }

    /** How many races' courses this instance holds (about): a query every instance can answer when it works. */
    public long courseCount() {
        return this.<Course>plain(StateNames.COURSES_STORE).approximateNumEntries();
    }

    /** Every race's course, from the global store {@value StateNames#COURSES_STORE}, in race id order. */
    public List<Course> courses() {
        final List<Course> courses = new ArrayList<>();
        try (KeyValueIterator<String, Course> all = this.<Course>plain(StateNames.COURSES_STORE).all()) {
            all.forEachRemaining(entry -> {
                if (entry.value != null) {
                    courses.add(entry.value);
                }
            });
        }
        return courses;
    }

    private <V> ReadOnlyKeyValueStore<String, V> plain(final String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }

}
