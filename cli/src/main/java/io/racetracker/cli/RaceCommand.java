package io.racetracker.cli;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.Wave;
import io.racetracker.core.race.RaceTime;
import io.racetracker.core.racefile.Entrants;
import io.racetracker.core.racefile.EntrantsReader;
import io.racetracker.core.racefile.RaceFile;
import io.racetracker.core.racefile.RaceFileReader;
import io.racetracker.core.results.RowProblem;
import io.racetracker.core.topic.Topics;
import io.racetracker.producer.FailFastSender;
import io.racetracker.producer.ProducerSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "race", mixinStandardHelpOptions = true,
        description = {"Check a race file (and its entrants) and publish the course to race-courses and the entrants to"
                + " race-athletes.",
            "Both topics are compacted and keyed by race (and athlete): running it again updates what changed and"
                + " nothing else. Nothing is published from a race file with errors; an entrants row that cannot be"
                + " used is reported with its line and reason, and the other rows are published."})
final class RaceCommand implements Callable<Integer> {
    /** How many rejected rows and warnings are listed; the rest are counted. */
    private static final int SHOW = 50;

    @Mixin
    KafkaOptions kafka;

    @Parameters(index = "0", paramLabel = "RACE.yaml", description = "The race file (YAML, or JSON with the same fields).")
    Path raceFile;

    @Option(names = "--entrants", paramLabel = "ENTRANTS.csv",
            description = "The entrants as a registration system exports them (CSV; bib and name required).")
    Path entrantsFile;

    @Option(names = "--check", description = "Only check the files; publish nothing.")
    boolean checkOnly;

    @Override
    public Integer call() {
        final PrintStream out = System.out;
        final RaceFile race = RaceFileReader.read(raceFile);
        final Course course = race.course();
        out.println(describe(course));
        final Entrants entrants = entrantsFile == null ? null : EntrantsReader.read(entrantsFile, race);
        if (entrants != null) {
            out.printf(Locale.ROOT, "%s: %,d entrants, %,d rows rejected, %,d warnings%n", entrantsFile,
                    entrants.athletes().size(), entrants.rejected().size(), entrants.warnings().size());
            report(out, "rejected", entrants.rejected());
            report(out, "warning", entrants.warnings());
        }
        if (checkOnly) {
            out.println("Checked; nothing published (--check).");
            return 0;
        }
        final Map<String, String> props = KafkaOptions.asMap(kafka.layered(Map.of()));
        TopicSetup.ensure(kafka.layered(Map.of()));
        try (Producer<String, byte[]> producer = new KafkaProducer<>(
                ProducerSettings.of(kafka.bootstrapServerOrDefault(), props))) {
            final FailFastSender sender = new FailFastSender(producer);
            sender.send(Topics.RACE_COURSES, course.raceId(), course);
            final List<Athlete> athletes = entrants == null ? List.of() : entrants.athletes();
            for (final Athlete athlete : athletes) {
                sender.send(Topics.RACE_ATHLETES, athlete.key(), athlete);
            }
            sender.flush();
            out.printf(Locale.ROOT, "Published %s to %s and %,d entrants to %s at %s.%n", course.raceId(),
                    Topics.RACE_COURSES.name(), athletes.size(), Topics.RACE_ATHLETES.name(),
                    kafka.bootstrapServerOrDefault());
        }
        return 0;
    }

    static String describe(final Course course) {
        final StringBuilder text = new StringBuilder(200).append(course.raceId()).append(": ").append(course.name())
                .append(", ").append(RaceTime.distance(course.distanceM(), course.units()))
                .append(", target ").append(RaceTime.hms(course.defaultTargetMs()))
                .append(", ").append(course.timingPoints().size()).append(" timing points, time zone ")
                .append(course.timeZone());
        for (final Wave wave : course.waves()) {
            text.append(System.lineSeparator()).append("  wave ").append(wave.id()).append(" at ")
                    .append(RaceTime.timeOfDay(wave.start(), course.zone())).append(", bibs ")
                    .append(wave.bibs().isEmpty() ? "(from the entrants)" : wave.bibs());
        }
        return text.toString();
    }

    private static void report(final PrintStream out, final String kind, final List<RowProblem> problems) {
        problems.stream().limit(SHOW).forEach(p -> out.println("  " + kind + ": " + p));
        if (problems.size() > SHOW) {
            out.printf(Locale.ROOT, "  ... and %,d more%n", problems.size() - SHOW);
        }
    }
}
