package io.racetracker.streams;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The tracker's own settings (everything else is Kafka Streams'), read from {@code race.tracker.*} properties in
 * the same layered configuration.
 *
 * @param chanceThresholds    P(target) levels whose crossing raises an alert
 * @param broadcastInterval   least race time between two broadcast lines of one athlete (finishes always go out)
 * @param dnfSilence          least race time without a read before an athlete is marked did-not-finish; an athlete
 *                            is also given three times the expected time to the next mat
 * @param silenceCheckInterval how often (wall clock) silent athletes are looked for
 * @param leaderboardSize     positions published per board
 * @param leaderboardInterval how often (wall clock) changed boards are published
 * @param breakawayGap        leader's gap to second at a mat that counts as a break-away
 * @param maxCategoryBoards   category boards a race may have besides its {@code ALL} board; categories are free text
 *                            from the registration, and each board costs memory, so athletes of the categories beyond
 *                            this many count on the race's {@code ALL} board only
 */
public record TrackerOptions(
        List<Double> chanceThresholds,
        Duration broadcastInterval,
        Duration dnfSilence,
        Duration silenceCheckInterval,
        int leaderboardSize,
        Duration leaderboardInterval,
        Duration breakawayGap,
        int maxCategoryBoards) {

    public static final String PREFIX = "race.tracker.";

    public TrackerOptions {
        if (maxCategoryBoards < 0) {
            throw new IllegalArgumentException(PREFIX + "leaderboard.max.categories must be 0 or more, got "
                    + maxCategoryBoards);
        }
    }

    public static TrackerOptions defaults() {
        return new TrackerOptions(List.of(0.5, 0.9), Duration.ofMinutes(1), Duration.ofMinutes(20), Duration.ofSeconds(1),
                25, Duration.ofSeconds(1), Duration.ofSeconds(10), 64);
    }

    /** The defaults, overridden by any {@code race.tracker.*} property given. */
    public static TrackerOptions from(final Properties props) {
        final TrackerOptions d = defaults();
        return new TrackerOptions(
                props.containsKey(PREFIX + "alert.chance.thresholds")
                        ? Arrays.stream(props.getProperty(PREFIX + "alert.chance.thresholds").split(","))
                            .map(String::trim).map(Double::valueOf).toList()
                        : d.chanceThresholds(),
                millis(props, "broadcast.interval.ms", d.broadcastInterval()),
                millis(props, "dnf.silence.ms", d.dnfSilence()),
                millis(props, "dnf.check.interval.ms", d.silenceCheckInterval()),
                Integer.parseInt(props.getProperty(PREFIX + "leaderboard.size", String.valueOf(d.leaderboardSize()))),
                millis(props, "leaderboard.interval.ms", d.leaderboardInterval()),
                millis(props, "breakaway.gap.ms", d.breakawayGap()),
                Integer.parseInt(props.getProperty(PREFIX + "leaderboard.max.categories",
                        String.valueOf(d.maxCategoryBoards())).trim()));
    }

    private static Duration millis(final Properties props, final String key, final Duration fallback) {
        final String value = props.getProperty(PREFIX + key);
        return value == null ? fallback : Duration.ofMillis(Long.parseLong(value.trim()));
    }
}
