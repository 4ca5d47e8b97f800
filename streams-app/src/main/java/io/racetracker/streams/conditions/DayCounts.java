package io.racetracker.streams.conditions;

import io.racetracker.core.nowcast.DayEffect;
import io.racetracker.core.nowcast.NowcastSettings;
import io.racetracker.streams.StateNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A race's {@link DayEffect} counts as they are sent and stored: an athlete task's new observations (the delta,
 * through the repartition topic {@value StateNames#CONDITIONS_DELTAS}) and a race's total (in the store
 * {@value StateNames#DAY_EFFECTS_STORE}). Sparse: of a course's tens of thousands of cells (stretch, pace level,
 * revision cell) a day fills a few hundred, so only those are written, as {@code cells}: four numbers each, stretch,
 * level, cell and count, in that order. The mats and settings go with the counts, so a total is rebuilt from its
 * stored value alone, and counts of a course that has changed since are never added to the old ones.
 *
 * @param raceId race
 * @param matsM  the course's mats after the start, the finish last
 * @param cells  stretch, level, cell, count of every cell that holds a count
 */
public record DayCounts(String raceId, List<Double> matsM, double evidence, double levelEvidence, List<Double> paceEdges,
                 double bandFloor, List<Integer> cells) {
    public DayCounts {
        matsM = List.copyOf(matsM);
        paceEdges = List.copyOf(paceEdges);
        cells = List.copyOf(cells);
        if (cells.size() % 4 != 0) {
            throw new IllegalArgumentException("cells come in fours (stretch, level, cell, count); got " + cells.size());
        }
    }

    static DayCounts of(final String raceId, final DayEffect day) {
        final List<Integer> cells = new ArrayList<>();
        day.forEachCount((stretch, level, cell, count) -> {
            cells.add(stretch);
            cells.add(level);
            cells.add(cell);
            cells.add(count);
        });
        final NowcastSettings settings = day.settings();
        return new DayCounts(raceId, Arrays.stream(day.matsM()).boxed().toList(), settings.evidence(),
                settings.levelEvidence(), Arrays.stream(settings.paceEdges()).boxed().toList(), settings.bandFloor(),
                cells);
    }

    /** The counts as a {@link DayEffect} of their own, to add to or from. */
    public DayEffect dayEffect() {
        final DayEffect day = new DayEffect(matsM.stream().mapToDouble(Double::doubleValue).toArray(),
                new NowcastSettings(evidence, levelEvidence, paceEdges.stream().mapToDouble(Double::doubleValue).toArray(),
                        bandFloor));
        for (int i = 0; i < cells.size(); i += 4) {
            day.addCount(cells.get(i), cells.get(i + 1), cells.get(i + 2), cells.get(i + 3));
        }
        return day;
    }

    /** Whether these counts can be added to {@code other}'s: the same mats and the same settings. */
    boolean sameCourseAs(final DayCounts other) {
        return matsM.equals(other.matsM) && evidence == other.evidence && levelEvidence == other.levelEvidence
                && paceEdges.equals(other.paceEdges) && bandFloor == other.bandFloor;
    }
}
