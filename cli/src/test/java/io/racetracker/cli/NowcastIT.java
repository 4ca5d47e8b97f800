package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.RaceConditions;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.model.Models;
import io.racetracker.core.projection.Projector;
import io.racetracker.core.race.RaceTime;
import io.racetracker.core.results.MatTime;
import io.racetracker.core.results.ResultsFile;
import io.racetracker.core.results.ResultsFormat;
import io.racetracker.core.results.ResultsReader;
import io.racetracker.core.results.RunnerResult;
import io.racetracker.core.topic.Keys;
import io.racetracker.core.topic.Topics;
import io.racetracker.producer.ProducerSettings;
import io.racetracker.testing.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nowcast through a real broker: the athletes' tasks count every runner's stretches, the race's task publishes
 * the race's conditions on {@code race-conditions}, and its total is in a changelogged store. Half of a Boston 2022
 * field that runs the second half {@value #SLOWER_AFTER_HALF} times slower than the first is replayed, the app is
 * killed and a new instance with an empty state directory takes over (its state comes from the changelogs alone),
 * then the other half: the race's conditions count every runner of both halves, per stretch, exactly. A runner behind
 * them, read to 20K, is then projected later than the fixed model projects the same reads.
 */
class NowcastIT {
    private static final String RACE = "boston-2022";
    private static final String[] NOWCAST_EVERY_SECOND = {"-X", "race.tracker.conditions.interval.ms=1000"};
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    /** The replayed field runs every stretch after the half this much slower than its first half. */
    private static final double SLOWER_AFTER_HALF = 1.5;
    private static final String BEHIND = "behind";
    /** The first row of the results file, whose registration and reads the runner behind copies. */
    private static final String FIRST = "bib-1";

    @Test
    void theRacesDayIsCountedWholeAcrossARestart(@TempDir final Path dir) throws Exception {
        final Path results = Path.of(NowcastIT.class.getResource("/results/" + RACE + ".csv").toURI());
        final List<String> lines = slowAfterHalf(Files.readAllLines(results, StandardCharsets.UTF_8));
        final int half = 1 + (lines.size() - 1) / 2;
        final Path first = half(dir.resolve("first"), lines.get(0), lines.subList(1, half));
        final Path second = half(dir.resolve("second"), lines.get(0), lines.subList(half, lines.size()));
        final long[] firstCounts = stretchCounts(first);
        final long[] bothCounts = add(firstCounts, stretchCounts(second));
        assertTrue(firstCounts[firstCounts.length - 1] > 10, Arrays.toString(firstCounts));

        try (LocalCluster cluster = new LocalCluster(dir)) {
            final Launcher before = cluster.startStreams(1, 0, NOWCAST_EVERY_SECOND);
            replay(cluster, first);
            final RaceConditions counted = awaitCounts(cluster, firstCounts);
            assertTrue(counted.summary().startsWith("the field is running"), counted.summary());

            cluster.kill(before);
            cluster.startStreams(2, 0, NOWCAST_EVERY_SECOND);
            replay(cluster, second);
            final RaceConditions whole = awaitCounts(cluster, bothCounts);
            assertTrue(whole.summary().endsWith("after 42.2 km (" + bothCounts[bothCounts.length - 1] + " runners)"),
                    whole.summary());
            assertTrue(whole.fieldSlowdown() > 0.05, whole.summary());

            // a runner behind the field: the first runner's registration and reads to 20K, under a new id
            final AthleteProjection at20K = last(Await.until(() -> runBehind(cluster), p -> !p.isEmpty()
                    && "20K".equals(last(p).timingPointId()), DEADLINE, p -> "no projection at 20K of the runner behind: " + p));
            final AthleteProjection fixed = fixedProjection(cluster, at20K);
            assertTrue(at20K.projectedFinishMs() > fixed.projectedFinishMs() + 30_000, "the field ahead slowed after"
                    + " the half: projected " + at20K.display().projectedFinish() + " with the day's conditions against "
                    + fixed.display().projectedFinish() + " by the fixed model");
        }
    }

    /** Every runner's times after the half, {@link #SLOWER_AFTER_HALF} times as far behind their half time. */
    private static List<String> slowAfterHalf(final List<String> lines) {
        final List<String> header = Arrays.asList(lines.get(0).split(","));
        final int half = header.indexOf("Half");
        final List<String> slow = new ArrayList<>(List.of(lines.get(0)));
        for (final String line : lines.subList(1, lines.size())) {
            final String[] cells = line.split(",", -1);
            final long halfMs = RaceTime.parse(cells[half]);
            for (int c = half + 1; c < cells.length; c++) {
                if (!cells[c].isEmpty()) {
                    cells[c] = RaceTime.hms(halfMs + Math.round(SLOWER_AFTER_HALF * (RaceTime.parse(cells[c]) - halfMs)));
                }
            }
            slow.add(String.join(",", cells));
        }
        return slow;
    }

    /** Registers and reads the runner behind the first time it is called; their projections so far. */
    private static List<AthleteProjection> runBehind(final LocalCluster cluster) {
        final String key = Keys.athlete(RACE, BEHIND);
        if (Outputs.byKey(cluster.clientProps(), Topics.RACE_ATHLETES).containsKey(key)) {
            return Outputs.byKey(cluster.clientProps(), Topics.ATHLETE_PROJECTIONS).getOrDefault(key, List.of());
        }
        final Athlete first = last(Outputs.byKey(cluster.clientProps(), Topics.RACE_ATHLETES).get(Keys.athlete(RACE, FIRST)));
        final Athlete behind = new Athlete(BEHIND, RACE, BEHIND, "Runner Behind", first.country(), first.sex(),
                first.category(), first.age(), first.targetMs(), false, null, first.wave());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(ProducerSettings.of(cluster.bootstrap, Map.of()))) {
            producer.send(new ProducerRecord<>(Topics.RACE_ATHLETES.name(), key,
                    Topics.RACE_ATHLETES.valueSerde().serialize("", behind))).get();
            for (final SplitEvent read : readsOf(cluster, Keys.athlete(RACE, FIRST), 21_097.5 - 1_000)) {
                final SplitEvent copy = new SplitEvent(RACE, BEHIND, BEHIND, read.timingPointId(), read.distanceM(),
                        null, read.elapsedMs(), read.readAt());
                producer.send(new ProducerRecord<>(Topics.RACE_SPLITS.name(), key,
                        Topics.RACE_SPLITS.valueSerde().serialize("", copy))).get();
            }
        } catch (final InterruptedException | ExecutionException e) {
            throw new IllegalStateException("could not send the runner behind", e);
        }
        return List.of();
    }

    private static List<SplitEvent> readsOf(final LocalCluster cluster, final String key, final double untilM) {
        return Outputs.byKey(cluster.clientProps(), Topics.RACE_SPLITS).get(key).stream()
                .filter(r -> r.distanceM() <= untilM).sorted(Comparator.comparingDouble(SplitEvent::distanceM)).toList();
    }

    /** The fixed model's projection from the same course, registration and reads as the tracker had. */
    private static AthleteProjection fixedProjection(final LocalCluster cluster, final AthleteProjection live) {
        final String key = Keys.athlete(live.raceId(), live.athleteId());
        final Course course = last(Outputs.byKey(cluster.clientProps(), Topics.RACE_COURSES).get(live.raceId()));
        final Athlete athlete = last(Outputs.byKey(cluster.clientProps(), Topics.RACE_ATHLETES).get(key));
        final List<SplitEvent> reads = readsOf(cluster, key, live.distanceM());
        return new Projector(Models.live()).project(course, athlete, reads, reads.get(reads.size() - 1));
    }

    private static <V> V last(final List<V> values) {
        return values.get(values.size() - 1);
    }

    private static Path half(final Path dir, final String header, final List<String> rows) throws Exception {
        Files.createDirectories(dir);
        final List<String> file = new ArrayList<>();
        file.add(header);
        file.addAll(rows);
        // the race id is the file's name: both halves are one race
        return Files.write(dir.resolve(RACE + ".csv"), file, StandardCharsets.UTF_8);
    }

    private static void replay(final LocalCluster cluster, final Path results) throws Exception {
        final Launcher producer = cluster.start("produce", "--results", results.toString(), "--format", "boston",
                "--max-rate", "--bootstrap-server", cluster.bootstrap);
        assertEquals(0, producer.awaitExit(Duration.ofMinutes(2)), producer.output());
    }

    /** Per stretch between two mats, the runners read at both ends (the finish read for every finisher). */
    private static long[] stretchCounts(final Path results) throws Exception {
        final ResultsFile file = ResultsReader.read(results, ResultsFormat.BOSTON);
        assertTrue(file.problems().isEmpty(), file.problems().toString());
        final int mats = file.runners().get(0).mats().size();
        final long[] counts = new long[mats];
        for (final RunnerResult runner : file.runners()) {
            final List<MatTime> read = runner.mats();
            for (int s = 0; s < mats; s++) {
                if (read.get(s).read() && (s + 1 == mats || read.get(s + 1).read())) {
                    counts[s]++;
                }
            }
        }
        return counts;
    }

    private static long[] add(final long[] a, final long[] b) {
        final long[] sum = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] + b[i];
        }
        return sum;
    }

    private static RaceConditions awaitCounts(final LocalCluster cluster, final long[] expected) {
        return Await.until(() -> latest(cluster), c -> c != null && Arrays.equals(expected, runners(c)), DEADLINE,
                c -> "the race's conditions never counted " + Arrays.toString(expected) + " runners per stretch: "
                        + (c == null ? "none published" : Arrays.toString(runners(c)) + ", " + c.summary()));
    }

    private static RaceConditions latest(final LocalCluster cluster) {
        final List<RaceConditions> all = Outputs.byKey(cluster.clientProps(), Topics.RACE_CONDITIONS).get(RACE);
        return all == null || all.isEmpty() ? null : all.get(all.size() - 1);
    }

    private static long[] runners(final RaceConditions conditions) {
        return conditions.stretches().stream().mapToLong(RaceConditions.Stretch::runners).toArray();
    }
}
