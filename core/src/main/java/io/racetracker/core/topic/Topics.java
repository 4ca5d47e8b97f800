package io.racetracker.core.topic;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.BroadcastLine;
import io.racetracker.core.event.Correction;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.IngestPosition;
import io.racetracker.core.event.Leaderboard;
import io.racetracker.core.event.RaceAlert;
import io.racetracker.core.event.RaceConditions;
import io.racetracker.core.event.RaceResult;
import io.racetracker.core.event.SplitEvent;
import java.util.List;

/**
 * Every topic of the contract, declared once. Keys are strings, values JSON.
 *
 * <p>Partitions: the athlete-keyed topics share {@value #ATHLETE_PARTITIONS} partitions so that splits, the athlete
 * registry and per-athlete outputs are co-partitioned (they meet in one task, where the athlete's store record is) and work spreads over 1, 2,
 * 3 or 6 stream threads or instances. {@code race-courses} holds a handful of records read whole by every instance
 * as a global table, so one partition.
 */
public final class Topics {
    /** Partitions of every athlete-keyed topic. */
    public static final int ATHLETE_PARTITIONS = 6;

    public static final Topic<SplitEvent> RACE_SPLITS = new Topic<>("race-splits", SplitEvent.class,
            ATHLETE_PARTITIONS, false, "timing-mat reads; key = raceId/athleteId");
    public static final Topic<Athlete> RACE_ATHLETES = new Topic<>("race-athletes", Athlete.class,
            ATHLETE_PARTITIONS, true, "athlete registry, latest registration per athlete; key = raceId/athleteId");
    public static final Topic<Course> RACE_COURSES = new Topic<>("race-courses", Course.class,
            1, true, "race and course registry (timing points, laps, default target); key = race id");

    public static final Topic<Correction> RACE_CORRECTIONS = new Topic<>("race-corrections", Correction.class,
            ATHLETE_PARTITIONS, false, "operators' corrections (void a read, a time by hand, disqualify, category, wave)"
            + " with reason and operator; key = raceId/athleteId");

    public static final Topic<AthleteProjection> ATHLETE_PROJECTIONS = new Topic<>("athlete-projections",
            AthleteProjection.class, ATHLETE_PARTITIONS, false,
            "pace, projected finish, band and P(target) for every accepted split; key = raceId/athleteId");
    public static final Topic<AthleteProjection> ATHLETE_STATE = new Topic<>("athlete-state",
            AthleteProjection.class, ATHLETE_PARTITIONS, true, "latest projection per athlete; key = raceId/athleteId");
    public static final Topic<Leaderboard> RACE_LEADERBOARD = new Topic<>("race-leaderboard", Leaderboard.class,
            ATHLETE_PARTITIONS, true, "positions and gaps per race and category; key = raceId/category");
    public static final Topic<RaceConditions> RACE_CONDITIONS = new Topic<>("race-conditions", RaceConditions.class,
            ATHLETE_PARTITIONS, true, "how the field ahead has run against the model, per stretch between two mats and"
            + " pace level, that corrects the projections of the runners behind; key = race id");
    public static final Topic<RaceAlert> RACE_ALERTS = new Topic<>("race-alerts", RaceAlert.class,
            ATHLETE_PARTITIONS, false, "threshold crossings, lead changes, finishes; key = raceId/athleteId");
    public static final Topic<BroadcastLine> BROADCAST_FEED = new Topic<>("broadcast-feed", BroadcastLine.class,
            ATHLETE_PARTITIONS, false, "compact graphics-ready lines, rate-limited per athlete; key = raceId/athleteId");
    public static final Topic<RaceResult> RACE_RESULTS = new Topic<>("race-results", RaceResult.class,
            ATHLETE_PARTITIONS, true, "final time and place per finisher; key = raceId/athleteId");
    public static final Topic<DeadLetter> RACE_DEAD_LETTERS = new Topic<>("race-dead-letters", DeadLetter.class,
            ATHLETE_PARTITIONS, false, "every rejected input with its reason and original bytes; key = original key");

    /**
     * How far each passings file has been ingested, written in the same transaction as the file's reads; one
     * partition, as a handful of files per race are ingested at once.
     */
    public static final Topic<IngestPosition> RACE_INGEST_POSITIONS = new Topic<>("race-ingest-positions",
            IngestPosition.class, 1, true, "how far each timing system's passings file is ingested;"
            + " key = raceId/fileName@fileKey");

    public static final List<Topic<?>> INPUTS = List.of(RACE_SPLITS, RACE_ATHLETES, RACE_COURSES, RACE_CORRECTIONS);
    public static final List<Topic<?>> OUTPUTS = List.of(ATHLETE_PROJECTIONS, ATHLETE_STATE, RACE_LEADERBOARD,
            RACE_CONDITIONS, RACE_ALERTS, BROADCAST_FEED, RACE_RESULTS, RACE_DEAD_LETTERS);
    public static final List<Topic<?>> ALL = List.of(RACE_SPLITS, RACE_ATHLETES, RACE_COURSES, RACE_CORRECTIONS,
            ATHLETE_PROJECTIONS, ATHLETE_STATE, RACE_LEADERBOARD, RACE_CONDITIONS, RACE_ALERTS, BROADCAST_FEED, RACE_RESULTS,
            RACE_DEAD_LETTERS, RACE_INGEST_POSITIONS);

    private Topics() {
    }
}
