package io.racetracker.streams.conditions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.racetracker.core.event.RaceConditions;
import io.racetracker.core.json.JsonSerde;
import io.racetracker.core.nowcast.DayEffect;
import io.racetracker.core.nowcast.NowcastSettings;
import io.racetracker.streams.StateNames;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * A race's day is counted in its task's store, not in memory: a task that restarts (after a crash, a rebalance, a
 * restore from the changelog) goes on from every runner counted before, and publishes conditions that still count
 * them.
 */
class RaceConditionsRestartTest {
    private static final double[] MATS = {5_000, 10_000, 21_097.5, 42_195};
    private static final Instant AT = Instant.parse("2023-04-23T12:00:00Z");

    private static DayCounts delta(final int runners, final double revision) {
        final DayEffect day = new DayEffect(MATS, NowcastSettings.DEFAULT);
        for (int i = 0; i < runners; i++) {
            day.observe(2, 2, revision + i * 0.0001);
        }
        return DayCounts.of("boston-2026", day);
    }

    private static MockProcessorContext<String, RaceConditions> start(final RaceConditionsBuilder builder,
                                                                      final KeyValueStore<String, DayCounts> store) {
        final MockProcessorContext<String, RaceConditions> context = new MockProcessorContext<>();
        if (!store.isOpen()) {
            store.init(context.getStateStoreContext(), store);
        }
        context.addStateStore(store);
        builder.init(context);
        return context;
    }

    private static RaceConditions send(final RaceConditionsBuilder builder,
                                       final MockProcessorContext<String, RaceConditions> context, final DayCounts delta) {
        context.resetForwards();
        builder.process(new Record<>(delta.raceId(), delta, AT.toEpochMilli()));
        final List<MockProcessorContext.CapturedForward<? extends String, ? extends RaceConditions>> out = context.forwarded();
        assertEquals(1, out.size());
        return out.get(0).record().value();
    }

    @Test
    void aRestartedRaceTaskGoesOnFromTheStoredCounts() {
        final KeyValueStore<String, DayCounts> store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(StateNames.DAY_EFFECTS_STORE), Serdes.String(),
                        JsonSerde.internal(DayCounts.class))
                .withLoggingDisabled().build();
        final RaceConditionsBuilder before = new RaceConditionsBuilder();
        final RaceConditions first = send(before, start(before, store), delta(120, 0.08));
        assertEquals(120, first.stretches().get(2).runners());

        final RaceConditionsBuilder after = new RaceConditionsBuilder();
        final RaceConditions second = send(after, start(after, store), delta(30, 0.08));
        assertEquals(150, second.stretches().get(2).runners(), "the runners counted before the restart still count");
        assertEquals(0, second.stretches().get(0).runners());
        assertEquals(first.stretches().get(2).fieldMedian(), second.stretches().get(2).fieldMedian(), 0.003);
        assertEquals("the field is running " , second.summary().substring(0, 21));
    }

    @Test
    void countsOfAChangedCourseStartANewTotal() {
        final KeyValueStore<String, DayCounts> store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(StateNames.DAY_EFFECTS_STORE), Serdes.String(),
                        JsonSerde.internal(DayCounts.class))
                .withLoggingDisabled().build();
        final RaceConditionsBuilder builder = new RaceConditionsBuilder();
        final MockProcessorContext<String, RaceConditions> context = start(builder, store);
        send(builder, context, delta(120, 0.08));
        final DayEffect moved = new DayEffect(new double[] {5_000, 21_097.5, 42_195}, NowcastSettings.DEFAULT);
        moved.observe(1, 2, 0.01);
        final RaceConditions now = send(builder, context, DayCounts.of("boston-2026", moved));
        assertEquals(List.of(5_000.0, 21_097.5, 42_195.0), now.matsM());
        assertEquals(1, now.stretches().get(1).runners());
    }
}
