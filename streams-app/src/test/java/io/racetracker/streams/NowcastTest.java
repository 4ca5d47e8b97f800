package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.RaceConditions;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.event.TimingPoint;
import io.racetracker.core.json.JsonSerde;
import io.racetracker.core.model.Models;
import io.racetracker.core.nowcast.NowcastSettings;
import io.racetracker.core.projection.Projector;
import io.racetracker.core.race.Courses;
import io.racetracker.core.topic.Topics;
import io.racetracker.streams.conditions.DayCounts;
import io.racetracker.streams.conditions.DayObservations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;

/**
 * The nowcast live: a field that runs the second half far slower than the model expects is counted by the athletes'
 * tasks, published by the race's task on {@code race-conditions}, and read back by every projection, so a runner
 * behind is projected later than the fixed model alone would project them.
 */
class NowcastTest {
    /** The field ahead runs the second half this much slower than the first. */
    static final double SLOWER_AFTER_HALF = 1.25;
    static final int FIELD = 200;

    /** A runner's reads: a pace of {@code secPerKm} to the half, {@link #SLOWER_AFTER_HALF} times slower after it. */
    static List<SplitEvent> reads(final Course course, final Athlete athlete, final double secPerKm,
                                  final double untilM) {
        final List<SplitEvent> reads = new ArrayList<>();
        for (final TimingPoint point : course.timingPoints()) {
            final double d = point.distanceM();
            if (d <= 0 || d > untilM) {
                continue;
            }
            final double firstHalf = Math.min(d, Courses.HALF_M);
            final long elapsed = Math.round(secPerKm * (firstHalf + SLOWER_AFTER_HALF * (d - firstHalf)));
            reads.add(new SplitEvent(course.raceId(), athlete.athleteId(), athlete.bib(), point.id(), d, null, elapsed,
                    course.startTime().plusMillis(elapsed)));
        }
        return reads;
    }

    /** The field ahead registered and every read of theirs, to the finish, in the order of the race clock. */
    static void runTheFieldAhead(final TopologyFixture fixture, final Course course, final int from, final int to) {
        final List<SplitEvent> all = new ArrayList<>();
        for (int i = from; i < to; i++) {
            final Athlete runner = Fixtures.runner(course, "ahead-" + i, "Runner " + i, "M30");
            fixture.athletes.pipeInput(runner.key(), runner, course.startTime());
            all.addAll(reads(course, runner, 290 + 0.2 * i, Courses.MARATHON_M));
        }
        all.sort(Comparator.comparing(SplitEvent::readAt));
        all.forEach(fixture::read);
    }

    /** The projected finish of a runner read at 5K to 20K, running the field's first-half pace. */
    static long behindAt20K(final TopologyFixture fixture, final Course course) {
        final Athlete behind = Fixtures.runner(course, "behind", "Runner Behind", "M30");
        fixture.athletes.pipeInput(behind.key(), behind, course.startTime());
        reads(course, behind, 300, 20_000).forEach(fixture::read);
        final List<AthleteProjection> projections = fixture.projections.readValuesToList().stream()
                .filter(p -> p.athleteId().equals("behind")).toList();
        final AthleteProjection at20K = projections.get(projections.size() - 1);
        assertEquals("20K", at20K.timingPointId());
        return at20K.projectedFinishMs();
    }

    static TestOutputTopic<String, RaceConditions> conditions(final TopologyFixture fixture) {
        return fixture.driver.createOutputTopic(Topics.RACE_CONDITIONS.name(), Serdes.String().deserializer(),
                Topics.RACE_CONDITIONS.valueSerde());
    }

    @Test
    void aFieldAheadRunningSlowMovesTheProjectionsBehindLater() {
        final Course course = Fixtures.marathon();
        final long fixedOnly;
        try (TopologyFixture alone = new TopologyFixture()) {
            alone.courses.pipeInput(course.raceId(), course, course.startTime());
            alone.advanceWallClock(Duration.ofSeconds(10));
            fixedOnly = behindAt20K(alone, course);
            assertTrue(conditions(alone).isEmpty(), "nobody ran a stretch: no conditions");
        }

        try (TopologyFixture fixture = new TopologyFixture()) {
            fixture.courses.pipeInput(course.raceId(), course, course.startTime());
            runTheFieldAhead(fixture, course, 0, FIELD);
            final TestOutputTopic<String, RaceConditions> published = conditions(fixture);
            assertTrue(published.isEmpty(), "published on the wall clock only");
            fixture.advanceWallClock(Duration.ofSeconds(10));
            final Map<String, RaceConditions> latest = published.readKeyValuesToMap();
            final RaceConditions conditions = latest.get(course.raceId());
            assertNotNull(conditions, "the race's conditions are published: " + latest);
            assertTrue(conditions.fieldSlowdown() > 0.05, conditions.summary());
            assertTrue(conditions.summary().startsWith("the field is running"), conditions.summary());
            assertTrue(conditions.summary().contains("slower than projected after 42.2 km (200 runners)"),
                    conditions.summary());
            assertEquals(FIELD, conditions.stretches().get(conditions.stretches().size() - 1).runners());

            final long nowcast = behindAt20K(fixture, course);
            assertTrue(nowcast > fixedOnly + 60_000, "the field ahead slowed after the half: projected "
                    + nowcast + " ms with the day's conditions against " + fixedOnly + " ms without");

            // the race's total is in a changelogged store, so a restarted task goes on from it
            final TestOutputTopic<String, DayCounts> changelog = fixture.driver.createOutputTopic(
                    "race-tracker-test-" + StateNames.DAY_EFFECTS_STORE + "-changelog", Serdes.String().deserializer(),
                    JsonSerde.internal(DayCounts.class).deserializer());
            final DayCounts stored = changelog.readKeyValuesToMap().get(course.raceId());
            assertNotNull(stored, "the race's total is logged");
            assertEquals(FIELD, stored.dayEffect().conditions().runners()[0]);
        }
    }

    @Test
    void eachStretchIsCountedFromTheFixedModelsForecastsAtItsTwoMats() {
        final Course course = Fixtures.marathon();
        final int field = 30;
        try (TopologyFixture fixture = new TopologyFixture()) {
            fixture.courses.pipeInput(course.raceId(), course, course.startTime());
            runTheFieldAhead(fixture, course, 0, field);
            fixture.advanceWallClock(Duration.ofSeconds(10));
            final TestOutputTopic<String, DayCounts> changelog = fixture.driver.createOutputTopic(
                    "race-tracker-test-" + StateNames.DAY_EFFECTS_STORE + "-changelog", Serdes.String().deserializer(),
                    JsonSerde.internal(DayCounts.class).deserializer());
            final DayCounts counted = changelog.readKeyValuesToMap().get(course.raceId());

            // the same reads observed here, each stretch from the fixed model's forecasts at its two mats
            final Projector projector = new Projector(Models.live());
            final DayObservations expected = new DayObservations(projector, NowcastSettings.DEFAULT);
            for (int i = 0; i < field; i++) {
                final Athlete runner = Fixtures.runner(course, "ahead-" + i, "Runner " + i, "M30");
                final List<SplitEvent> reads = reads(course, runner, 290 + 0.2 * i, Courses.MARATHON_M);
                for (int k = 0; k < reads.size(); k++) {
                    final List<SplitEvent> upTo = reads.subList(0, k + 1);
                    expected.observe(course, runner, upTo, reads.get(k),
                            projector.fixedForecast(course, runner, upTo, reads.get(k)));
                }
            }
            final List<DayCounts> drained = expected.drain();
            assertEquals(1, drained.size());
            assertTrue(drained.get(0).cells().size() > 40, "stretches were counted: " + drained.get(0).cells());
            assertEquals(drained.get(0), counted, "the tracker counted each stretch as the fixed model revised it");
        }
    }

    @Test
    void withTheNowcastOffNothingIsPublishedAndProjectionsAreTheFixedModels() {
        final Course course = Fixtures.marathon();
        final long fixedOnly;
        try (TopologyFixture alone = new TopologyFixture()) {
            alone.courses.pipeInput(course.raceId(), course, course.startTime());
            fixedOnly = behindAt20K(alone, course);
        }
        try (TopologyFixture fixture = new TopologyFixture(Models.live(),
                Map.of("race.tracker.conditions.interval.ms", "0"))) {
            fixture.courses.pipeInput(course.raceId(), course, course.startTime());
            runTheFieldAhead(fixture, course, 0, 20);
            fixture.advanceWallClock(Duration.ofMinutes(1));
            assertTrue(conditions(fixture).isEmpty());
            assertEquals(fixedOnly, behindAt20K(fixture, course));
        }
        final java.util.Properties tooOften = new java.util.Properties();
        tooOften.put("race.tracker.conditions.interval.ms", "5");
        assertThrows(IllegalArgumentException.class, () -> TrackerOptions.from(tooOften));
    }

    @Test
    void pacemakersAreNotCounted() {
        final Course course = Fixtures.marathon();
        try (TopologyFixture fixture = new TopologyFixture()) {
            fixture.courses.pipeInput(course.raceId(), course, course.startTime());
            final Athlete pacer = Fixtures.pacemaker(course, "pacer", "Pace Maker");
            fixture.athletes.pipeInput(pacer.key(), pacer, course.startTime());
            reads(course, pacer, 290, Courses.MARATHON_M).forEach(fixture::read);
            runTheFieldAhead(fixture, course, 0, 3);
            fixture.advanceWallClock(Duration.ofSeconds(10));
            final RaceConditions conditions = conditions(fixture).readKeyValuesToMap().get(course.raceId());
            assertEquals(3, conditions.stretches().get(0).runners(), "the runners, not the pacemaker");
        }
    }
}
