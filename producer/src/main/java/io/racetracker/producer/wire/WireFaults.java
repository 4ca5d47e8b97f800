package io.racetracker.producer.wire;

/**
 * How timing mats misbehave on the wire, each as a rate per read. All zero is a perfect timing system.
 *
 * @param missedRate       probability that a read is never sent (the mat missed the chip); the finish mat never misses
 * @param duplicateRate    probability that a crossing is also sent once or twice more, as the same athlete, mat and
 *                         lap, with a chip time a few tenths of a second later (antennas read a chip several times)
 * @param lateRate         probability that a read is delivered late, after reads taken later than it
 * @param maxLateMs        the longest delay of a late read, in milliseconds of race time
 * @param clockOffsetMaxMs each mat's clock is off by a fixed amount drawn from [-max, +max] ms
 * @param malformedRate    probability, per read, of an extra broken record (testing only: bad JSON, wrong types,
 *                         missing fields, non-UTF-8 bytes, a key that is not the athlete id)
 * @param seed             seed of every random draw, so a run can be repeated exactly
 */
public record WireFaults(double missedRate, double duplicateRate, double lateRate, long maxLateMs,
                         long clockOffsetMaxMs, double malformedRate, long seed) {
    /** A perfect timing system. */
    public static final WireFaults NONE = new WireFaults(0, 0, 0, 0, 0, 0, 1);

    /** What a big-city race looks like: some misses, many doubled reads, a few late, clocks a little apart. */
    public static WireFaults realistic(final double missedRate) {
        return new WireFaults(missedRate, 0.05, 0.01, 30_000, 200, 0, 1);
    }

    public WireFaults {
        rate(missedRate, "missed-reads");
        rate(duplicateRate, "duplicate-reads");
        rate(lateRate, "late-reads");
        rate(malformedRate, "malformed");
        if (maxLateMs < 0 || clockOffsetMaxMs < 0) {
            throw new IllegalArgumentException("late-read delay and clock offset must be >= 0 ms (were "
                    + maxLateMs + " and " + clockOffsetMaxMs + ")");
        }
        if (lateRate > 0 && maxLateMs == 0) {
            throw new IllegalArgumentException("late reads need a maximum delay > 0 ms");
        }
    }

    public boolean none() {
        return missedRate == 0 && duplicateRate == 0 && lateRate == 0 && clockOffsetMaxMs == 0 && malformedRate == 0;
    }

    public WireFaults withSeed(final long newSeed) {
        return new WireFaults(missedRate, duplicateRate, lateRate, maxLateMs, clockOffsetMaxMs, malformedRate, newSeed);
    }

    private static void rate(final double value, final String name) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a rate between 0 and 1 (was " + value + ")");
        }
    }
}
