package io.racetracker.streams;

/**
 * The names of the tracker's state: its stores and its internal (repartition) topics. Each is persisted by a running
 * deployment (a store's changelog topic is named after it): a renamed one loses its state on upgrade, so these never
 * change. {@code TrackerTopology} builds the graph with them; the processors open their stores by them, and the
 * interactive queries read by them.
 */
public final class StateNames {
    /** Each athlete's registration and accepted splits ({@code AthleteHistory}), key {@code raceId/athleteId}. */
    public static final String ATHLETE_SPLITS_STORE = "athlete-splits";
    /** Every race's course, held whole by every instance (global), key race id. */
    public static final String COURSES_STORE = "courses";
    /** The latest published leaderboard of each board, key {@code raceId/category}; owned by the race's task. */
    public static final String LEADERBOARDS_STORE = "leaderboards";
    /** The athletes on each race's boards, as their latest board updates; owned by the race's task. */
    public static final String BOARD_ATHLETES_STORE = "board-athletes";
    /** The fastest athlete at each mat of each board; owned by the race's task. */
    public static final String BOARD_MATS_STORE = "board-mats";
    /** Each board's leader and its gap to second; owned by the race's task. */
    public static final String BOARD_META_STORE = "board-meta";
    /** The athletes' tasks' board updates, keyed by race id, to the race's task (a repartition topic). */
    public static final String BOARD_UPDATES = "board-updates";
    /** Every race's latest {@code race-conditions}, held whole by every instance. */
    public static final String CONDITIONS_STORE = "conditions";
    /** Each race's day counted whole ({@code DayCounts}), key race id; owned by the race's task. */
    public static final String DAY_EFFECTS_STORE = "day-effects";
    /** The athletes' tasks' new observations of each race's day, keyed by race id, to the race's task (a repartition topic). */
    public static final String CONDITIONS_DELTAS = "day-observations";

    private StateNames() {
    }
}
