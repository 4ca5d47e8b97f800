package io.racetracker.producer.scenario;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The named scenarios of {@code --scenario}. */
public final class Scenarios {
    private static final Map<String, Supplier<Scenario>> BY_NAME = new TreeMap<>(Map.of(
            Vienna2019.RACE_ID, Vienna2019::scenario));

    private Scenarios() {
    }

    public static Iterable<String> names() {
        return BY_NAME.keySet();
    }

    /** @throws IllegalArgumentException listing the known names */
    public static Scenario byName(final String name) {
        final Supplier<Scenario> scenario = BY_NAME.get(name);
        if (scenario == null) {
            throw new IllegalArgumentException("unknown scenario '" + name + "'; known: " + String.join(", ", names()));
        }
        return scenario.get();
    }
}
