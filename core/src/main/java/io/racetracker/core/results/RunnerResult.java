package io.racetracker.core.results;

import io.racetracker.core.event.Sex;
import java.util.List;

/**
 * One finisher's row of a results file.
 *
 * @param bib      race number as published
 * @param age      age on race day; for files that publish only an age group, the middle of a group at most five
 *                 years wide ({@code 40-44} gives 42); null when unknown or the group is wider
 * @param sex      sex category, {@link Sex#X} when unknown
 * @param mats     the intermediate mats in course order (5K to 40K with the half), each with its time or null when
 *                 missed; the finish is not among them
 * @param finishMs chip time at the finish
 */
public record RunnerResult(String bib, Integer age, Sex sex, List<MatTime> mats, long finishMs) {
    public RunnerResult {
        mats = List.copyOf(mats);
        sex = sex == null ? Sex.X : sex;
    }

    /** True when every intermediate mat has a read. */
    public boolean complete() {
        return mats.stream().allMatch(MatTime::read);
    }
}
