package io.racetracker.cli.ingest;

import io.racetracker.core.passings.RaceDay;

/** Where {@code ingest} takes the race from: its course, date and start mat. */
public interface RaceSource {

    /**
     * @throws IllegalArgumentException naming what is missing, when the race cannot be had
     */
    RaceDay load();
}
