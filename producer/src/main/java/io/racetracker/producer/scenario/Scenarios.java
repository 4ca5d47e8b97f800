package io.racetracker.producer.scenario;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The named scenarios of {@code --scenario}. */
public final class Scenarios {
    /** What a scenario may be built from: the size of a mass field and the seed of every random draw. */
    public record Options(int runners, long seed) {
        public static final Options DEFAULT = new Options(1_000, 42);

        public Options {
            if (runners < 1 || runners > 1_000_000) {
                throw new IllegalArgumentException("--runners must be between 1 and 1,000,000 (was " + runners + ")");
            }
        }
    }

    private static final Map<String, Function<Options, Scenario>> BY_NAME = new TreeMap<>(Map.of(
            Vienna2019.RACE_ID, o -> Vienna2019.scenario(),
            Monza2017.RACE_ID, o -> Monza2017.scenario(),
            London2023.RACE_ID, o -> London2023.scenario(o.runners(), o.seed()),
            MassRace.RACE_ID, o -> MassRace.scenario(o.runners(), o.seed())));

    private Scenarios() {
    }

    public static Iterable<String> names() {
        return BY_NAME.keySet();
    }

    /** @throws IllegalArgumentException listing the known names */
    public static Scenario byName(final String name) {
        return byName(name, Options.DEFAULT);
    }

    /** @throws IllegalArgumentException listing the known names */
    public static Scenario byName(final String name, final Options options) {
        final Function<Options, Scenario> scenario = BY_NAME.get(name);
        if (scenario == null) {
            throw new IllegalArgumentException("unknown scenario '" + name + "'; known: " + String.join(", ", names()));
        }
        return scenario.apply(options);
    }
}
