package io.racetracker.producer.mass;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.Sex;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.event.TimingPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A sampled mass field: runners drawn from a {@link MassFieldModel}, sent off in start waves (fastest first), with
 * their reads generated lazily in time order across the whole field (a k-way merge over the runners), so 100,000
 * runners cost a few bytes each rather than a list of a million events.
 */
public final class MassField {
    /** Start waves: when the first starts, the gap between waves, runners per wave and how long a wave takes to cross the start line. */
    public record Waves(Instant firstStart, Duration gap, int size, Duration crossing) {
        public Waves {
            if (size < 1) {
                throw new IllegalArgumentException("a wave holds at least one runner");
            }
        }
    }

    private final Course course;
    private final List<Athlete> athletes;
    private final List<TimingPoint> mats;
    private final long[] startOffsetMs;
    private final int[][] elapsedMs;
    private final Instant epoch;

    private MassField(final Course course, final List<Athlete> athletes, final List<TimingPoint> mats,
                      final long[] startOffsetMs, final int[][] elapsedMs, final Instant epoch) {
        this.course = course;
        this.athletes = athletes;
        this.mats = mats;
        this.startOffsetMs = startOffsetMs;
        this.elapsedMs = elapsedMs;
        this.epoch = epoch;
    }

    /**
     * @param course    a marathon course with the model's split mats and a finish
     * @param runners   how many
     * @param seed      same seed, same field
     * @param waves     start waves
     * @param firstBib  bib of the fastest runner; the others count up from it
     */
    public static MassField sample(final MassFieldModel model, final Course course, final int runners, final long seed,
                                   final Waves waves, final int firstBib) {
        final List<TimingPoint> mats = new ArrayList<>();
        for (final String split : model.splits()) {
            mats.add(course.crossing(split, null).orElseThrow(() ->
                    new IllegalArgumentException(course.raceId() + " has no mat " + split + " for the mass field")));
        }
        mats.add(course.finish());
        final SplittableRandom random = new SplittableRandom(seed);
        final MassFieldModel.Sample[] samples = new MassFieldModel.Sample[runners];
        for (int i = 0; i < runners; i++) {
            samples[i] = model.sample(random);
        }
        // seeded by expected finish: the fastest runners in the first wave and at the front of each wave
        Arrays.sort(samples, (a, b) -> Long.compare(a.finishMs(), b.finishMs()));
        final List<Athlete> athletes = new ArrayList<>(runners);
        final long[] startOffsetMs = new long[runners];
        final int[][] elapsed = new int[runners][];
        for (int i = 0; i < runners; i++) {
            final MassFieldModel.Sample s = samples[i];
            final int wave = i / waves.size();
            final double placeInWave = (i % waves.size()) / (double) waves.size();
            startOffsetMs[i] = wave * waves.gap().toMillis() + Math.round(placeInWave * waves.crossing().toMillis());
            elapsed[i] = new int[mats.size()];
            for (int m = 0; m < mats.size() - 1; m++) {
                elapsed[i][m] = (int) Math.round(s.finishMs() * s.fractions()[m]);
            }
            elapsed[i][mats.size() - 1] = (int) s.finishMs();
            final String id = String.format("runner-%06d", i + 1);
            athletes.add(new Athlete(id, course.raceId(), Integer.toString(firstBib + i), "Runner " + (i + 1), null,
                    s.sex(), category(s.sex(), s.age()), s.age(), goal(s.finishMs(), random), false));
        }
        return new MassField(course, List.copyOf(athletes), List.copyOf(mats), startOffsetMs, elapsed, waves.firstStart());
    }

    /** Age-group category as results lists print them: {@code M18} for 18-34, then {@code M35}, {@code M40}, ... */
    static String category(final Sex sex, final int age) {
        return sex.name() + (age < 35 ? 18 : age / 5 * 5);
    }

    /** A runner's own goal: near what they will run, rounded to 5 minutes, as runners set them. */
    private static long goal(final long finishMs, final SplittableRandom random) {
        final double hopeful = finishMs * (0.95 + 0.08 * random.nextDouble());
        final long fiveMinutes = 300_000;
        return Math.max(fiveMinutes, Math.round(hopeful / fiveMinutes) * fiveMinutes);
    }

    public List<Athlete> athletes() {
        return athletes;
    }

    public long readCount() {
        return (long) athletes.size() * mats.size();
    }

    /** Chip times (ms) of one runner at each mat, in course order, the finish last. */
    public int[] elapsedMs(final int runner) {
        return elapsedMs[runner].clone();
    }

    /** When the runner crossed the start line. */
    public Instant startedAt(final int runner) {
        return epoch.plusMillis(startOffsetMs[runner]);
    }

    /** Every read of the field in {@code readAt} order. */
    public Iterator<SplitEvent> reads() {
        return new Merge();
    }

    /** A k-way merge over the runners: a heap of each runner's next read time, packed with its index in a long. */
    private final class Merge implements Iterator<SplitEvent> {
        private static final int INDEX_BITS = 21;
        private final long[] heap = new long[athletes.size()];
        private final byte[] nextMat = new byte[athletes.size()];
        private int size;

        Merge() {
            for (int i = 0; i < athletes.size(); i++) {
                push(key(i));
            }
        }

        private long key(final int runner) {
            return ((startOffsetMs[runner] + elapsedMs[runner][nextMat[runner]]) << INDEX_BITS) | runner;
        }

        @Override
        public boolean hasNext() {
            return size > 0;
        }

        @Override
        public SplitEvent next() {
            if (size == 0) {
                throw new NoSuchElementException();
            }
            final int runner = (int) (heap[0] & ((1L << INDEX_BITS) - 1));
            final int mat = nextMat[runner];
            final TimingPoint point = mats.get(mat);
            final Athlete athlete = athletes.get(runner);
            final long elapsed = elapsedMs[runner][mat];
            final SplitEvent read = new SplitEvent(course.raceId(), athlete.athleteId(), athlete.bib(), point.id(),
                    point.distanceM(), point.lap(), elapsed, epoch.plusMillis(startOffsetMs[runner] + elapsed));
            if (mat + 1 < mats.size()) {
                nextMat[runner]++;
                heap[0] = key(runner);
            } else {
                heap[0] = heap[--size];
            }
            siftDown();
            return read;
        }

        private void push(final long value) {
            int i = size++;
            heap[i] = value;
            while (i > 0 && heap[(i - 1) / 2] > heap[i]) {
                swap(i, (i - 1) / 2);
                i = (i - 1) / 2;
            }
        }

        private void siftDown() {
            int i = 0;
            while (true) {
                final int left = 2 * i + 1;
                if (left >= size) {
                    return;
                }
                final int smaller = left + 1 < size && heap[left + 1] < heap[left] ? left + 1 : left;
                if (heap[i] <= heap[smaller]) {
                    return;
                }
                swap(i, smaller);
                i = smaller;
            }
        }

        private void swap(final int a, final int b) {
            final long t = heap[a];
            heap[a] = heap[b];
            heap[b] = t;
        }
    }
}
