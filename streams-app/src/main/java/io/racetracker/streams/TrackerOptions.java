package io.racetracker.streams;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The tracker's own settings (everything else is Kafka Streams'), {@code race.tracker.*} properties in the same
 * layered configuration. Declared on Kafka's own {@link ConfigDef}, as Kafka's clients and Streams declare theirs:
 * each with its type, range, default and documentation; the README's settings table is generated from it
 * ({@link #markdownTable()}, kept equal by a test).
 *
 * @param chanceThresholds    P(target) levels whose crossing raises an alert
 * @param broadcastInterval   least race time between two broadcast lines of one athlete (finishes always go out)
 * @param dnfSilence          least race time without a read before an athlete is marked did-not-finish; an athlete
 *                            is also given three times the expected time to the next mat
 * @param silenceCheckInterval how often (wall clock) silent athletes are looked for
 * @param leaderboardSize     positions published per board
 * @param leaderboardInterval how often (wall clock) changed boards are published
 * @param breakawayGap        leader's gap to second at a mat that counts as a break-away
 * @param maxCategoryBoards   category boards a race may have besides its {@code ALL} board
 * @param conditionsInterval  how often (wall clock) each task sends the day's new observations to the races, which
 *                            publish their {@code race-conditions}; zero turns the nowcast off
 */
public record TrackerOptions(
        List<Double> chanceThresholds,
        Duration broadcastInterval,
        Duration dnfSilence,
        Duration silenceCheckInterval,
        int leaderboardSize,
        Duration leaderboardInterval,
        Duration breakawayGap,
        int maxCategoryBoards,
        Duration conditionsInterval) {

    public static final String PREFIX = "race.tracker.";
    static final String CHANCE_THRESHOLDS = PREFIX + "alert.chance.thresholds";
    static final String BROADCAST_INTERVAL = PREFIX + "broadcast.interval.ms";
    static final String DNF_SILENCE = PREFIX + "dnf.silence.ms";
    static final String DNF_CHECK_INTERVAL = PREFIX + "dnf.check.interval.ms";
    static final String LEADERBOARD_SIZE = PREFIX + "leaderboard.size";
    static final String LEADERBOARD_INTERVAL = PREFIX + "leaderboard.interval.ms";
    static final String BREAKAWAY_GAP = PREFIX + "breakaway.gap.ms";
    static final String MAX_CATEGORIES = PREFIX + "leaderboard.max.categories";
    static final String CONDITIONS_INTERVAL = PREFIX + "conditions.interval.ms";
    static final long DEFAULT_CONDITIONS_INTERVAL_MS = 10_000L;

    /** Every setting, with its type, range, default and what it does. */
    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(CHANCE_THRESHOLDS, Type.LIST, "0.5,0.9", ConfigDef.LambdaValidator.with(TrackerOptions::checkThresholds,
                    () -> "probabilities between 0 and 1, exclusive"), Importance.MEDIUM,
                    "The P(target) levels whose crossing, up or down, raises an alert.")
            .define(BROADCAST_INTERVAL, Type.LONG, 60_000L, Range.atLeast(0), Importance.MEDIUM,
                    "Least race time between two broadcast lines of one athlete, in ms; finishes always go out.")
            .define(DNF_SILENCE, Type.LONG, 1_200_000L, Range.atLeast(1_000), Importance.HIGH,
                    "Least race time without a read before an athlete on course is marked did-not-finish, in ms; each"
                            + " athlete is also given three times the expected time to the next mat.")
            .define(DNF_CHECK_INTERVAL, Type.LONG, 1_000L, Range.between(10, 600_000), Importance.LOW,
                    "How often (wall clock) silent athletes are looked for, in ms.")
            .define(LEADERBOARD_SIZE, Type.INT, 25, Range.between(1, 1_000), Importance.MEDIUM,
                    "Positions published per leaderboard.")
            .define(LEADERBOARD_INTERVAL, Type.LONG, 1_000L, Range.between(10, 600_000), Importance.MEDIUM,
                    "How often (wall clock) changed leaderboards are published, in ms.")
            .define(BREAKAWAY_GAP, Type.LONG, 10_000L, Range.atLeast(0), Importance.LOW,
                    "The leader's gap to second at a mat that counts as a break-away, in ms.")
            .define(MAX_CATEGORIES, Type.INT, 64, Range.between(0, 10_000), Importance.LOW,
                    "Category leaderboards a race may have besides its ALL board. Categories are free text from the"
                            + " registrations and each board costs memory: athletes of categories beyond this many"
                            + " count on the race's ALL board only.")
            .define(CONDITIONS_INTERVAL, Type.LONG, DEFAULT_CONDITIONS_INTERVAL_MS, ConfigDef.LambdaValidator.with(
                            TrackerOptions::checkConditionsInterval, () -> "0, or [10,...,600000]"),
                    Importance.LOW, "How often (wall clock) the day's new observations, how the field ran each stretch"
                            + " between two mats against the model, are sent to their races, in ms; each race then"
                            + " publishes its race-conditions, which correct the projections of the runners behind. 0"
                            + " turns the nowcast off: nothing is observed and projections are the fixed model's, as"
                            + " comparisons with a clean run of the same inputs need (conditions published on the wall"
                            + " clock are not fixed by the inputs).");

    /** The settings as before the nowcast, with its interval at the default. */
    public TrackerOptions(final List<Double> chanceThresholds, final Duration broadcastInterval, final Duration dnfSilence,
                          final Duration silenceCheckInterval, final int leaderboardSize,
                          final Duration leaderboardInterval, final Duration breakawayGap, final int maxCategoryBoards) {
        this(chanceThresholds, broadcastInterval, dnfSilence, silenceCheckInterval, leaderboardSize, leaderboardInterval,
                breakawayGap, maxCategoryBoards, Duration.ofMillis(DEFAULT_CONDITIONS_INTERVAL_MS));
    }

    public static TrackerOptions defaults() {
        return from(new Properties());
    }

    /**
     * The {@code race.tracker.*} properties given, over the defaults.
     *
     * @throws IllegalArgumentException naming the setting and what was expected
     */
    public static TrackerOptions from(final Properties props) {
        final Map<String, Object> ours = new TreeMap<>();
        props.stringPropertyNames().stream().filter(k -> k.startsWith(PREFIX)).forEach(k -> ours.put(k, props.getProperty(k)));
        final AbstractConfig config;
        try {
            config = new AbstractConfig(DEFINITION, ours, false);
        } catch (final ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        final List<String> unknown = ours.keySet().stream().filter(k -> !DEFINITION.names().contains(k)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown setting " + String.join(", ", unknown) + "; the tracker's settings"
                    + " are " + String.join(", ", new java.util.TreeSet<>(DEFINITION.names())));
        }
        return new TrackerOptions(
                config.getList(CHANCE_THRESHOLDS).stream().map(String::trim).map(Double::valueOf).toList(),
                Duration.ofMillis(config.getLong(BROADCAST_INTERVAL)),
                Duration.ofMillis(config.getLong(DNF_SILENCE)),
                Duration.ofMillis(config.getLong(DNF_CHECK_INTERVAL)),
                config.getInt(LEADERBOARD_SIZE),
                Duration.ofMillis(config.getLong(LEADERBOARD_INTERVAL)),
                Duration.ofMillis(config.getLong(BREAKAWAY_GAP)),
                config.getInt(MAX_CATEGORIES),
                Duration.ofMillis(config.getLong(CONDITIONS_INTERVAL)));
    }

    private static void checkThresholds(final String name, final Object value) {
        @SuppressWarnings("unchecked")
        final List<String> levels = (List<String>) value;
        if (levels.isEmpty()) {
            throw new ConfigException(name, value, "give at least one level, e.g. 0.5,0.9");
        }
        for (final String level : levels) {
            final double p;
            try {
                p = Double.parseDouble(level.trim());
            } catch (final NumberFormatException e) {
                throw new ConfigException(name, value, "'" + level + "' is not a number");
            }
            if (!(p > 0 && p < 1)) {
                throw new ConfigException(name, value, "each level is a probability between 0 and 1, exclusive");
            }
        }
    }

    private static void checkConditionsInterval(final String name, final Object value) {
        final long ms = (Long) value;
        if (ms != 0 && (ms < 10 || ms > 600_000)) {
            throw new ConfigException(name, value, "give 0 (the nowcast off) or 10 to 600000 ms");
        }
    }

    /** Whether projections are corrected by the day as the field ahead has shown it ({@link #conditionsInterval}). */
    public boolean nowcast() {
        return !conditionsInterval.isZero();
    }

    /** The README's settings table: one row a setting, from {@link #DEFINITION}. */
    public static String markdownTable() {
        return "| setting | type | default | valid values | what it does |\n|---|---|---|---|---|\n"
                + DEFINITION.configKeys().values().stream()
                .sorted(java.util.Comparator.comparing(k -> k.name))
                .map(k -> "| `" + k.name + "` | " + k.type.name().toLowerCase(java.util.Locale.ROOT) + " | `"
                        + ConfigDef.convertToString(k.defaultValue, k.type) + "` | "
                        + (k.validator == null ? "" : k.validator.toString()) + " | " + k.documentation + " |")
                .collect(Collectors.joining("\n")) + "\n";
    }

    /** Prints the settings table, for the README. */
    public static void main(final String[] args) {
        System.out.print(markdownTable());
    }
}
