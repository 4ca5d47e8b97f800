package io.racetracker.core.racefile;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.results.RowProblem;
import java.util.List;

/**
 * What {@link EntrantsReader} made of an entrants file.
 *
 * @param athletes the usable rows, in file order
 * @param rejected the rows left out, each with its line, the column at fault and why
 * @param warnings values of kept rows that were dropped or read as unknown (a bad age, sex or target)
 */
public record Entrants(List<Athlete> athletes, List<RowProblem> rejected, List<RowProblem> warnings) {
    public Entrants {
        athletes = List.copyOf(athletes);
        rejected = List.copyOf(rejected);
        warnings = List.copyOf(warnings);
    }
}
