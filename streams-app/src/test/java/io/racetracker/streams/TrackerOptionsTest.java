package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The tracker's settings are typed, ranged and documented, and the README's table is the definition's. */
class TrackerOptionsTest {

    @Test
    void settingsOverTheDefaultsAreTaken() {
        final TrackerOptions options = TrackerOptions.from(props(Map.of("race.tracker.leaderboard.size", "10",
                "race.tracker.alert.chance.thresholds", "0.25, 0.75", "race.tracker.dnf.silence.ms", "600000",
                "processing.guarantee", "exactly_once_v2")));
        assertEquals(10, options.leaderboardSize());
        assertEquals(List.of(0.25, 0.75), options.chanceThresholds());
        assertEquals(Duration.ofMinutes(10), options.dnfSilence());
        assertEquals(Duration.ofSeconds(10), options.breakawayGap(), "the rest keep their defaults");
    }

    @Test
    void aValueOutOfRangeOrOfTheWrongTypeOrAnUnknownNameIsRefusedNamingTheSetting() {
        final IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> TrackerOptions.from(props(Map.of("race.tracker.leaderboard.size", "0"))));
        assertTrue(size.getMessage().contains("race.tracker.leaderboard.size") && size.getMessage().contains("at least 1"),
                size.getMessage());
        final IllegalArgumentException threshold = assertThrows(IllegalArgumentException.class,
                () -> TrackerOptions.from(props(Map.of("race.tracker.alert.chance.thresholds", "0.5,1.5"))));
        assertTrue(threshold.getMessage().contains("between 0 and 1"), threshold.getMessage());
        final IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> TrackerOptions.from(props(Map.of("race.tracker.dnf.silence.ms", "twenty minutes"))));
        assertTrue(type.getMessage().contains("race.tracker.dnf.silence.ms"), type.getMessage());
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> TrackerOptions.from(props(Map.of("race.tracker.leaderbord.size", "10"))));
        assertTrue(unknown.getMessage().startsWith("unknown setting race.tracker.leaderbord.size"), unknown.getMessage());
    }

    @Test
    void theReadmesSettingsTableIsTheDefinitions() throws Exception {
        final String readme = Files.readString(Path.of(System.getProperty("race.tracker.home", ".."), "README.md"));
        final String table = readme.substring(readme.indexOf("<!-- settings:start -->\n") + 24,
                readme.indexOf("<!-- settings:end -->"));
        assertEquals(TrackerOptions.markdownTable(), table, "the README's settings table is out of date; regenerate it"
                + " with: java -cp ... io.racetracker.streams.TrackerOptions (TrackerOptions.main)");
    }

    private static Properties props(final Map<String, String> values) {
        final Properties props = new Properties();
        props.putAll(values);
        return props;
    }
}
