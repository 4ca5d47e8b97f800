package io.racetracker.core.model;

import io.racetracker.core.event.Sex;

/**
 * What the model may know about a runner besides the splits.
 *
 * @param sex sex category, {@link Sex#X} when unknown
 * @param age age on race day, null when unknown
 */
public record RunnerProfile(Sex sex, Integer age) {
    public static final RunnerProfile UNKNOWN = new RunnerProfile(Sex.X, null);

    public RunnerProfile {
        sex = sex == null ? Sex.X : sex;
    }
}
