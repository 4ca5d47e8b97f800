package io.racetracker.producer.scenario;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.producer.wire.WireFaults;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A race staged on the wire: its course, its athletes, and every mat read in the order the mats would send them.
 *
 * <p>Reads are produced on demand, in {@link SplitEvent#readAt()} order, each time {@link #iterator()} is called, so
 * a field of 100,000 runners never has to sit in memory as a list of events. Small scenarios are built from a list
 * with {@link #of}; {@link #reads()} materialises the whole sequence and is meant for them and for tests.
 */
public final class Scenario implements Iterable<SplitEvent> {
    private final String name;
    private final Course course;
    private final List<Athlete> athletes;
    private final long readCount;
    private final long finishers;
    private final Supplier<Iterator<SplitEvent>> reads;
    private final WireFaults defaultFaults;

    /**
     * @param name          scenario name, e.g. {@code vienna-2019}
     * @param course        the course, published to {@code race-courses}
     * @param athletes      registrations, published to {@code race-athletes} before any read
     * @param readCount     how many reads {@code reads} yields
     * @param finishers     athletes with a read at the finish
     * @param reads         opens a fresh iterator over every read in {@code readAt} order
     * @param defaultFaults timing-mat faults this scenario has unless the command line says otherwise
     */
    public Scenario(final String name, final Course course, final List<Athlete> athletes, final long readCount,
                    final long finishers, final Supplier<Iterator<SplitEvent>> reads, final WireFaults defaultFaults) {
        this.name = Objects.requireNonNull(name, "name");
        this.course = Objects.requireNonNull(course, "course");
        this.athletes = List.copyOf(athletes);
        this.readCount = readCount;
        this.finishers = finishers;
        this.reads = Objects.requireNonNull(reads, "reads");
        this.defaultFaults = Objects.requireNonNull(defaultFaults, "defaultFaults");
    }

    /** A scenario whose reads fit in a list; they are sorted by {@code readAt} (stable for equal instants). */
    public static Scenario of(final String name, final Course course, final List<Athlete> athletes,
                              final List<SplitEvent> reads, final WireFaults defaultFaults) {
        final List<SplitEvent> sorted = new ArrayList<>(reads);
        sorted.sort(Comparator.comparing(SplitEvent::readAt));
        final List<SplitEvent> frozen = List.copyOf(sorted);
        final long finishers = frozen.stream()
                .filter(r -> r.distanceM() >= course.distanceM() - 0.5)
                .map(SplitEvent::athleteId)
                .distinct()
                .count();
        return new Scenario(name, course, athletes, frozen.size(), finishers, frozen::iterator, defaultFaults);
    }

    public String name() {
        return name;
    }

    public Course course() {
        return course;
    }

    public List<Athlete> athletes() {
        return athletes;
    }

    /** Number of reads, before any timing-mat fault is applied. */
    public long readCount() {
        return readCount;
    }

    /** Athletes expected to cross the finish mat: every athlete with a read at the course distance. */
    public long finishers() {
        return finishers;
    }

    /** Timing-mat faults of this scenario by default: none for the exact historical races. */
    public WireFaults defaultFaults() {
        return defaultFaults;
    }

    /** A fresh pass over every read in {@code readAt} order. */
    @Override
    public Iterator<SplitEvent> iterator() {
        return reads.get();
    }

    public Stream<SplitEvent> stream() {
        return StreamSupport.stream(Spliterators.spliterator(iterator(), readCount,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Every read as a list; fine for the elite scenarios, avoid on a mass field. */
    public List<SplitEvent> reads() {
        return stream().toList();
    }
}
