package io.racetracker.producer.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.json.JsonSerde;
import io.racetracker.core.topic.Topics;
import io.racetracker.producer.scenario.Scenario;
import io.racetracker.producer.scenario.Scenarios;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {
    /** 20,000 runners, 200,000 reads: rates within a few standard errors of what was asked. */
    private static final Scenario FIELD = Scenarios.byName("mass", new Scenarios.Options(20_000, 11));

    private static List<Outgoing> wire(final WireFaults faults) {
        final List<Outgoing> out = new ArrayList<>();
        new FaultInjector(FIELD.iterator(), FIELD.course(), faults).forEachRemaining(out::add);
        return out;
    }

    private static long count(final List<Outgoing> out, final Outgoing.Kind kind) {
        return out.stream().filter(o -> o.kind() == kind).count();
    }

    @Test
    void aPerfectTimingSystemSendsEveryReadAsItIs() {
        final List<Outgoing> out = wire(WireFaults.NONE);
        final List<SplitEvent> reads = FIELD.reads();
        assertEquals(reads, out.stream().map(Outgoing::read).toList());
        assertTrue(out.stream().allMatch(o -> o.kind() == Outgoing.Kind.READ && o.sendAt().equals(o.read().readAt())));
    }

    @Test
    void missedReadsAreDroppedAtTheRateAskedButNeverAtTheFinish() {
        final FaultInjector injector = new FaultInjector(FIELD.iterator(), FIELD.course(),
                new WireFaults(0.05, 0, 0, 0, 0, 0, 3));
        final List<Outgoing> out = new ArrayList<>();
        injector.forEachRemaining(out::add);
        final long intermediate = FIELD.readCount() - FIELD.finishers();
        assertWithin(0.05, injector.missed() / (double) intermediate, intermediate);
        assertEquals(FIELD.readCount() - injector.missed(), out.size());
        assertEquals(FIELD.finishers(), out.stream().filter(o -> o.read().timingPointId().equals("FINISH")).count());
    }

    @Test
    void duplicatesRepeatTheCrossingWithATimeAFewTenthsLater() {
        final List<Outgoing> out = wire(new WireFaults(0, 0.2, 0, 0, 0, 0, 4));
        final Map<String, SplitEvent> originals = new HashMap<>();
        out.stream().filter(o -> o.kind() == Outgoing.Kind.READ)
                .forEach(o -> originals.put(o.read().athleteId() + "/" + o.read().crossingId(), o.read()));
        final List<Outgoing> duplicates = out.stream().filter(o -> o.kind() == Outgoing.Kind.DUPLICATE).toList();
        final long crossingsDoubled = duplicates.stream().map(o -> o.read().athleteId() + "/" + o.read().crossingId())
                .distinct().count();
        assertWithin(0.2, crossingsDoubled / (double) FIELD.readCount(), FIELD.readCount());
        for (final Outgoing duplicate : duplicates) {
            final SplitEvent original = originals.get(duplicate.read().athleteId() + "/" + duplicate.read().crossingId());
            assertEquals(original.distanceM(), duplicate.read().distanceM());
            assertEquals(original.lap(), duplicate.read().lap());
            final long later = duplicate.read().elapsedMs() - original.elapsedMs();
            assertTrue(later > 0 && later <= 900, "a few tenths later: " + later + " ms");
        }
    }

    @Test
    void lateReadsArriveAfterReadsTakenLaterThanThem() {
        final List<Outgoing> out = wire(new WireFaults(0, 0, 0.03, 60_000, 0, 0, 5));
        final long late = count(out, Outgoing.Kind.LATE);
        assertWithin(0.03, late / (double) FIELD.readCount(), FIELD.readCount());
        long outOfOrder = 0;
        for (int i = 1; i < out.size(); i++) {
            assertFalse(out.get(i).sendAt().isBefore(out.get(i - 1).sendAt()), "delivered in sendAt order");
            outOfOrder += out.get(i).read().readAt().isBefore(out.get(i - 1).read().readAt()) ? 1 : 0;
        }
        assertTrue(outOfOrder > late / 2, "most late reads overtake others: " + outOfOrder + " of " + late);
        assertTrue(out.stream().filter(o -> o.kind() == Outgoing.Kind.LATE)
                .allMatch(o -> o.sendAt().toEpochMilli() - o.read().readAt().toEpochMilli() <= 60_000));
    }

    @Test
    void eachMatsClockIsOffByOneFixedSmallAmount() {
        final List<Outgoing> out = wire(new WireFaults(0, 0, 0, 0, 300, 0, 6));
        final List<SplitEvent> perfect = FIELD.reads();
        final Map<String, Long> perfectByRead = new HashMap<>();
        perfect.forEach(r -> perfectByRead.put(r.athleteId() + "/" + r.crossingId(), r.elapsedMs()));
        final Map<String, Long> offsetByMat = new HashMap<>();
        for (final Outgoing o : out) {
            final long offset = o.read().elapsedMs() - perfectByRead.get(o.read().athleteId() + "/" + o.read().crossingId());
            assertTrue(Math.abs(offset) <= 300);
            assertEquals(offsetByMat.computeIfAbsent(o.read().timingPointId(), k -> offset), offset, "one offset per mat");
        }
        assertTrue(offsetByMat.values().stream().distinct().count() > 1, "mats disagree");
    }

    @Test
    void malformedRecordsComeAtTheRateAskedAndNoneOfThemParses() {
        final List<Outgoing> out = wire(new WireFaults(0, 0, 0, 0, 0, 0.01, 7));
        final List<Outgoing> broken = out.stream().filter(o -> o.kind() == Outgoing.Kind.MALFORMED).toList();
        assertWithin(0.01, broken.size() / (double) FIELD.readCount(), FIELD.readCount());
        final JsonSerde<SplitEvent> serde = Topics.RACE_SPLITS.valueSerde();
        long badKeys = 0;
        for (final Outgoing o : broken) {
            SplitEvent parsed = null;
            try {
                parsed = serde.deserialize("race-splits", o.raw());
            } catch (final SerializationException | IllegalArgumentException expected) {
                // the kind of failure a consumer must dead-letter
            }
            if (parsed != null) {
                badKeys++;
                assertFalse(parsed.key().equals(o.key()), "only a wrong key may parse: " + o.key());
            }
        }
        assertTrue(badKeys > 0 && badKeys < broken.size());
        assertEquals(FIELD.readCount(), count(out, Outgoing.Kind.READ), "the race itself is intact");
    }

    @Test
    void sameSeedSameWire() {
        final WireFaults faults = WireFaults.realistic(0.01).withSeed(99);
        assertEquals(wire(faults).stream().map(o -> o.kind() + " " + o.read()).toList(),
                wire(faults).stream().map(o -> o.kind() + " " + o.read()).toList());
    }

    @Test
    void ratesOutsideZeroToOneAreRefusedWithTheirName() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WireFaults(1.5, 0, 0, 0, 0, 0, 1));
        assertTrue(e.getMessage().contains("missed-reads"));
    }

    /** Within five standard errors of a binomial proportion. */
    private static void assertWithin(final double expected, final double actual, final long trials) {
        final double tolerance = 5 * Math.sqrt(expected * (1 - expected) / trials);
        assertEquals(expected, actual, tolerance, "rate");
    }
}
