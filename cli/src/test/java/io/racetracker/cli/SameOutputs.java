package io.racetracker.cli;

import io.racetracker.cli.CleanRun.Written;
import io.racetracker.core.event.RaceAlert;
import io.racetracker.core.event.RaceResult;
import io.racetracker.core.topic.Keys;
import io.racetracker.core.topic.Topic;
import io.racetracker.core.topic.Topics;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Compares what a run under test committed with what a clean run of the same inputs wrote, topic by topic, record
 * for record with the read each record names, wherever the outputs are determined by the inputs alone:
 * <ul>
 *   <li>{@code athlete-projections}, {@code broadcast-feed}, {@code race-dead-letters}: every record of every key,
 *       in order;</li>
 *   <li>{@code race-alerts}: every alert about an athlete's own race, in order per key (lead changes and
 *       break-aways are made in the race's task from the athletes' updates in the order they reach it, and
 *       did-not-finish from the wall clock: neither is fixed by the inputs);</li>
 *   <li>{@code athlete-state}: the latest update made by a read, per key (a did-not-finish update comes from the wall
 *       clock);</li>
 *   <li>{@code race-results}: the latest per key, every field; places by chip time among the finishers known when the
 *       athlete finished, which is the true place (from all finish times) within each board's published positions
 *       and never worse than it below them.</li>
 * </ul>
 */
final class SameOutputs {
    private static final Set<RaceAlert.Type> NOT_FROM_THE_ATHLETE = EnumSet.of(RaceAlert.Type.LEAD_CHANGE,
            RaceAlert.Type.BREAKAWAY, RaceAlert.Type.DID_NOT_FINISH);
    private static final int SHOWN = 5;

    private SameOutputs() {
    }

    /** What differs, one line per difference (the first few per topic); empty when the runs agree. */
    static List<String> differences(final Map<String, List<Written>> clean, final Map<String, List<Written>> run,
                                    final int publishedPositions) {
        final List<String> differences = new ArrayList<>();
        differences.addAll(sequences(Topics.ATHLETE_PROJECTIONS, clean, run, w -> true));
        differences.addAll(sequences(Topics.BROADCAST_FEED, clean, run, w -> true));
        differences.addAll(sequences(Topics.RACE_DEAD_LETTERS, clean, run, w -> true));
        differences.addAll(sequences(Topics.RACE_ALERTS, clean, run, w -> !NOT_FROM_THE_ATHLETE.contains(
                Topics.RACE_ALERTS.valueSerde().deserialize("", w.value()).type())));
        differences.addAll(compare(Topics.ATHLETE_STATE, latest(Topics.ATHLETE_STATE, clean, w -> w.source() != null),
                latest(Topics.ATHLETE_STATE, run, w -> w.source() != null)));
        differences.addAll(results(clean, run, publishedPositions));
        return differences;
    }

    /** A record as compared: its value and the read it names. */
    private record Seen(Object value, String source) {
    }

    private static <V> List<String> sequences(final Topic<V> topic, final Map<String, List<Written>> clean,
                                              final Map<String, List<Written>> run, final Predicate<Written> which) {
        return compare(topic, byKey(topic, clean, which), byKey(topic, run, which));
    }

    private static <V> Map<String, List<Seen>> byKey(final Topic<V> topic, final Map<String, List<Written>> outputs,
                                                     final Predicate<Written> which) {
        final Map<String, List<Seen>> byKey = new TreeMap<>();
        for (final Written w : outputs.get(topic.name())) {
            if (which.test(w)) {
                byKey.computeIfAbsent(String.valueOf(w.key()), k -> new ArrayList<>())
                        .add(new Seen(topic.valueSerde().deserialize(topic.name(), w.value()), w.source()));
            }
        }
        return byKey;
    }

    private static <V> Map<String, Seen> latest(final Topic<V> topic, final Map<String, List<Written>> outputs,
                                                final Predicate<Written> which) {
        final Map<String, Seen> latest = new TreeMap<>();
        for (final Written w : outputs.get(topic.name())) {
            if (which.test(w)) {
                latest.put(w.key(), new Seen(topic.valueSerde().deserialize(topic.name(), w.value()), w.source()));
            }
        }
        return latest;
    }

    private static List<String> compare(final Topic<?> topic, final Map<String, ?> clean, final Map<String, ?> run) {
        final List<String> differences = new ArrayList<>();
        final Set<String> keys = new TreeSet<>(clean.keySet());
        keys.addAll(run.keySet());
        for (final String key : keys) {
            if (!Objects.equals(clean.get(key), run.get(key))) {
                differences.add(topic.name() + " " + key + ": clean run " + clean.get(key) + "\n    but this run "
                        + run.get(key));
            }
        }
        return cap(topic.name(), differences);
    }

    private static List<String> results(final Map<String, List<Written>> clean, final Map<String, List<Written>> run,
                                        final int publishedPositions) {
        final Map<String, Seen> cleanLatest = latest(Topics.RACE_RESULTS, clean, w -> w.value() != null);
        final Map<String, Seen> runLatest = latest(Topics.RACE_RESULTS, run, w -> w.value() != null);
        final List<String> differences = new ArrayList<>(compare(Topics.RACE_RESULTS, withoutPlaces(cleanLatest),
                withoutPlaces(runLatest)));
        // true places from every finish time: 1 + the finishers strictly faster, by tenths of a second
        final List<RaceResult> finishers = cleanLatest.values().stream().map(s -> (RaceResult) s.value()).toList();
        for (final Map.Entry<String, Map<String, Seen>> named : Map.of("clean run", cleanLatest, "this run", runLatest)
                .entrySet()) {
            for (final Seen seen : named.getValue().values()) {
                final RaceResult r = (RaceResult) seen.value();
                final int place = 1 + (int) finishers.stream().filter(o -> o.raceId().equals(r.raceId())
                        && o.finishMs() / 100 < r.finishMs() / 100).count();
                final int categoryPlace = 1 + (int) finishers.stream().filter(o -> o.raceId().equals(r.raceId())
                        && o.category().equals(r.category()) && o.finishMs() / 100 < r.finishMs() / 100).count();
                if (!placed(r.place(), place, publishedPositions) || !placed(r.categoryPlace(), categoryPlace, publishedPositions)) {
                    differences.add(Topics.RACE_RESULTS.name() + " " + Keys.athlete(r.raceId(), r.athleteId()) + " in the "
                            + named.getKey() + ": place " + r.place() + "/" + r.categoryPlace() + ", but by chip time "
                            + place + "/" + categoryPlace);
                }
            }
        }
        return cap(Topics.RACE_RESULTS.name() + " places", differences);
    }

    private static boolean placed(final int given, final int trueplace, final int publishedPositions) {
        return trueplace <= publishedPositions ? given == trueplace : given <= trueplace;
    }

    private static Map<String, Seen> withoutPlaces(final Map<String, Seen> results) {
        final Map<String, Seen> without = new LinkedHashMap<>();
        results.forEach((key, seen) -> {
            final RaceResult r = (RaceResult) seen.value();
            without.put(key, new Seen(new RaceResult(r.raceId(), r.athleteId(), r.bib(), r.name(), r.category(),
                    r.finishMs(), r.finishTime(), 0, 0), null));
        });
        return without;
    }

    private static List<String> cap(final String what, final List<String> differences) {
        if (differences.size() <= SHOWN) {
            return differences;
        }
        final List<String> capped = new ArrayList<>(differences.subList(0, SHOWN));
        capped.add(what + ": ... " + (differences.size() - SHOWN) + " more differences");
        return capped;
    }
}
