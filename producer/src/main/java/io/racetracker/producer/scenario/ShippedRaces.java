package io.racetracker.producer.scenario;

import io.racetracker.core.event.Course;
import io.racetracker.core.racefile.RaceFile;
import io.racetracker.core.racefile.RaceFileReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The race files shipped with the project, one per scenario ({@code races/NAME.yaml} beside this class): the seed
 * races go through the same race-file path as an organiser's own race.
 */
public final class ShippedRaces {
    private static final String FOLDER = "/io/racetracker/producer/races/";

    private ShippedRaces() {
    }

    /** The shipped race file of this name, checked as any race file is. */
    public static RaceFile raceFile(final String name) {
        final String resource = FOLDER + name + ".yaml";
        try (InputStream in = ShippedRaces.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no shipped race file " + resource);
            }
            return RaceFileReader.read(Path.of(name + ".yaml"), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The course of the shipped race file of this name. */
    public static Course course(final String name) {
        return raceFile(name).course();
    }
}
