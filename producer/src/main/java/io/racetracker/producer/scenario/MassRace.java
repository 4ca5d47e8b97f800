package io.racetracker.producer.scenario;

import io.racetracker.core.event.Course;
import io.racetracker.producer.mass.MassField;
import io.racetracker.producer.mass.MassFieldModel;
import io.racetracker.producer.wire.WireFaults;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code mass}: a big-city marathon of {@code --runners} runners sampled from the fitted {@link MassFieldModel}, in
 * start waves of 8,000 (fastest first) 25 minutes apart, each taking 10 minutes to cross the start line. Its timing
 * mats misbehave as real ones do unless told otherwise: the missed-read rate fitted from the data, and the
 * {@link WireFaults#realistic} duplicates, late reads and clock offsets.
 */
public final class MassRace {
    public static final String RACE_ID = "mass";
    public static final Instant START = Instant.parse("2025-04-27T08:00:00Z");
    public static final long SUB_FOUR_HOURS_MS = 4 * 3_600_000L;
    public static final MassField.Waves WAVES =
            new MassField.Waves(START, Duration.ofMinutes(25), 8_000, Duration.ofMinutes(10));

    private MassRace() {
    }

    public static Scenario scenario(final int runners, final long seed) {
        final MassFieldModel model = MassFieldModel.load();
        final Course course = ShippedRaces.course(RACE_ID);
        final MassField field = MassField.sample(model, course, runners, seed, WAVES, 1);
        return new Scenario(RACE_ID, course, field.athletes(), field.readCount(), runners, field::reads,
                WireFaults.realistic(model.missedReadRate()).withSeed(seed));
    }
}
