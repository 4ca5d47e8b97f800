package io.racetracker.streams.board;

/**
 * Places by finish time in one board, in O(log n) per finisher: a Fenwick tree of finishers counted in tenths of a
 * second up to 12 hours (later finishes count as 12 hours). Finishers in the same tenth share a place. The tree
 * (1.7 MB) is allocated with the board's first finisher.
 */
final class FinishPlaces {
    private static final int BUCKETS = 12 * 3600 * 10;
    private int[] tree;

    void add(final long finishMs) {
        if (tree == null) {
            tree = new int[BUCKETS + 1];
        }
        for (int i = bucket(finishMs) + 1; i <= BUCKETS; i += i & -i) {
            tree[i]++;
        }
    }

    /** Takes a finisher back out (a finish voided, a time corrected, a disqualification). */
    void remove(final long finishMs) {
        for (int i = bucket(finishMs) + 1; i <= BUCKETS; i += i & -i) {
            tree[i]--;
        }
    }

    /** 1 + the number of finishers strictly faster (by tenths of a second). */
    int placeOf(final long finishMs) {
        if (tree == null) {
            return 1;
        }
        int faster = 0;
        for (int i = bucket(finishMs); i > 0; i -= i & -i) {
            faster += tree[i];
        }
        return faster + 1;
    }

    private static int bucket(final long finishMs) {
        return (int) Math.min(BUCKETS - 1, Math.max(0, finishMs / 100));
    }
}
