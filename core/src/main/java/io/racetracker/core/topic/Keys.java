package io.racetracker.core.topic;

/**
 * Every composite key of the contract, built and taken apart in one place. Keys live in topics and changelogs:
 * changing one is a change of the persisted format, pinned by {@code KeysTest}.
 *
 * <ul>
 *   <li>athlete-keyed topics ({@code race-splits}, {@code race-athletes}, {@code athlete-*}, {@code race-alerts},
 *       {@code broadcast-feed}, {@code race-results}): {@code raceId/athleteId}, so that the same athlete id, bib or
 *       chip in two races never meets, and one race's keys share a prefix;</li>
 *   <li>{@code race-leaderboard}: {@code raceId/category};</li>
 *   <li>a crossing of a mat: {@code timingPointId#lap} on lap courses, the mat id alone otherwise.</li>
 * </ul>
 * A race id never holds {@value #SEPARATOR} (the contract checks it), so the first separator splits a key.
 */
public final class Keys {
    public static final char SEPARATOR = '/';
    public static final char LAP_SEPARATOR = '#';

    private Keys() {
    }

    /** The key of every topic about one athlete of one race. */
    public static String athlete(final String raceId, final String athleteId) {
        return raceId + SEPARATOR + athleteId;
    }

    /** The race of an athlete or leaderboard key; the whole key when it has no separator. */
    public static String raceOf(final String key) {
        final int at = key.indexOf(SEPARATOR);
        return at < 0 ? key : key.substring(0, at);
    }

    /** The athlete id of an athlete key (everything after the race); the whole key when it has no separator. */
    public static String athleteOf(final String key) {
        final int at = key.indexOf(SEPARATOR);
        return at < 0 ? key : key.substring(at + 1);
    }

    /** Whether a key belongs to the race: its prefix is the race id and a separator. */
    public static boolean inRace(final String key, final String raceId) {
        return key.length() > raceId.length() && key.charAt(raceId.length()) == SEPARATOR && key.startsWith(raceId);
    }

    /** The key of one race's board for a category ({@code ALL} for the whole race). */
    public static String leaderboard(final String raceId, final String category) {
        return raceId + SEPARATOR + category;
    }

    /** One crossing of a mat: a mat on a loop is crossed once per lap. */
    public static String crossing(final String timingPointId, final Integer lap) {
        return lap == null ? timingPointId : timingPointId + LAP_SEPARATOR + lap;
    }
}
