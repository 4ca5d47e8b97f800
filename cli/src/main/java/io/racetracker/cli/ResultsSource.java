package io.racetracker.cli;

import io.racetracker.producer.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Path;

/** The scenario a results file implies. */
final class ResultsSource {
    private ResultsSource() {
    }

    static Scenario scenario(final Path file, final String format) throws IOException {
        throw new IllegalArgumentException("--results is not available yet");
    }
}
