package io.racetracker.streams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One athlete task's share of the race boards. A race's boards live in one task ({@link RaceBoard}), and all but a
 * few of a mass race's updates cannot change what they publish: this class decides, in the athlete's own task, which
 * updates the race's task must see, so that the rest never cross the {@code board-updates} repartition topic.
 *
 * <p>It ranks this task's athletes on each of their boards exactly as {@link RaceBoard} does ({@link BoardUpdate#RANK})
 * and passes on an update when
 * <ul>
 *   <li>the athlete is new to the race (each board counts its athletes), changed category, or finished (places
 *       count every finisher);</li>
 *   <li>it is among the first two crossings of its mat on one of the athlete's boards in this task, or the fastest
 *       there so far (a mat's fastest time gives the gaps, its second crossing a break-away);</li>
 *   <li>the athlete is in this task's first {@code size} of one of their boards, before or after the update; and
 *       when an athlete drops out of them, the one who moves up in their place is passed on too.</li>
 * </ul>
 * The first {@code size} of a board over the whole race are among the first {@code size} of some task, so the race's
 * task always holds the current state of everyone it can publish. An athlete whose updates are held back only moves
 * further back than the state the race's task last saw of them, never ahead of anyone it publishes. Passing on more
 * than needed is always safe (the race's boards take any update), so after a restart, when the mats' counts are
 * rebuilt from each athlete's latest crossing only, a few more updates than necessary go through.
 *
 * <p>Not thread-safe: one instance per task, used by the task's thread.
 */
final class BoardShortlist {
    private final int size;
    private final Map<String, BoardUpdate> latest = new HashMap<>();
    private final Map<String, TreeSet<BoardUpdate>> boards = new HashMap<>();
    private final Map<String, MatCount> mats = new HashMap<>();

    /** This task's crossings of one mat on one board: how many (counted up to 2) and the fastest time. */
    private record MatCount(int crossed, long fastestMs) {
        MatCount with(final long elapsedMs) {
            return new MatCount(Math.min(2, crossed + 1), Math.min(fastestMs, elapsedMs));
        }
    }

    /** @param size positions published per board */
    BoardShortlist(final int size) {
        this.size = size;
    }

    /** Forgets everything: the task starts again from its store. */
    void clear() {
        latest.clear();
        boards.clear();
        mats.clear();
    }

    /** Takes an athlete's latest state from the store into account, passing nothing on (it was passed on before). */
    void restore(final BoardUpdate update) {
        latest.put(update.athleteId(), update);
        for (final String board : boardsOf(update)) {
            boards.computeIfAbsent(board, key -> new TreeSet<>(BoardUpdate.RANK)).add(update);
            countCrossing(board, update);
        }
    }

    /**
     * Takes the athlete's new state and returns what the race's boards must hear: the update itself, if it can
     * matter to them, and anyone who moved up into a board's first {@code size} because of it. Pacemakers are on
     * no board.
     */
    List<BoardUpdate> offer(final BoardUpdate update) {
        if (update.pacemaker()) {
            return List.of();
        }
        final BoardUpdate old = latest.put(update.athleteId(), update);
        final List<BoardUpdate> moved = new ArrayList<>(0);
        boolean relevant = old == null || !old.category().equals(update.category())
                || update.finished() && !old.finished();
        final boolean newCrossing = old == null || !old.crossingId().equals(update.crossingId())
                || old.elapsedMs() != update.elapsedMs();
        for (final String board : old == null ? boardsOf(update) : union(boardsOf(old), boardsOf(update))) {
            final TreeSet<BoardUpdate> order = boards.computeIfAbsent(board, key -> new TreeSet<>(BoardUpdate.RANK));
            final boolean wasFirst = old != null && order.contains(old) && isFirst(order, old);
            if (old != null) {
                order.remove(old);
            }
            final boolean onBoard = board.equals(boardKey(update, update.category())) || board.equals(boardKey(update, RaceBoard.ALL));
            if (onBoard) {
                order.add(update);
                if (newCrossing) {
                    relevant |= countCrossing(board, update);
                }
            }
            final boolean isFirst = onBoard && isFirst(order, update);
            relevant |= isFirst;
            // an athlete's own update never moves them back on a board (a new mat is further, anything else keeps
            // their place), so only a category change can take them out of a board's first places here
            if (wasFirst && !isFirst && order.size() >= size) {
                final BoardUpdate movedUp = nth(order, size);
                if (!movedUp.athleteId().equals(update.athleteId()) && !moved.contains(movedUp)) {
                    moved.add(movedUp);
                }
            }
        }
        if (!relevant) {
            return moved;
        }
        final List<BoardUpdate> out = new ArrayList<>(moved.size() + 1);
        out.add(update);
        out.addAll(moved);
        return out;
    }

    /**
     * Counts a crossing of its mat on a board; true when it is one of the first two there or the fastest. Whoever
     * is fastest at a mat, or second there, is mostly also among a board's first places when the gap is shown or
     * the break-away called; this makes sure of it for boards of one or two places and reads arriving out of order.
     */
    private boolean countCrossing(final String board, final BoardUpdate update) {
        final String key = board + "|" + update.crossingId();
        final MatCount before = mats.get(key);
        final MatCount after = before == null ? new MatCount(1, update.elapsedMs()) : before.with(update.elapsedMs());
        mats.put(key, after);
        return before == null || before.crossed() < 2 || update.elapsedMs() < before.fastestMs();
    }

    /** Whether the athlete is among the first {@code size} of the board (the board holds them). */
    private boolean isFirst(final TreeSet<BoardUpdate> order, final BoardUpdate athlete) {
        return order.size() <= size || BoardUpdate.RANK.compare(athlete, nth(order, size)) <= 0;
    }

    /** The board's n-th (1-based; the board holds at least n). */
    private static BoardUpdate nth(final TreeSet<BoardUpdate> order, final int n) {
        final Iterator<BoardUpdate> it = order.iterator();
        BoardUpdate at = it.next();
        for (int i = 1; i < n; i++) {
            at = it.next();
        }
        return at;
    }

    private static List<String> boardsOf(final BoardUpdate update) {
        return List.of(boardKey(update, update.category()), boardKey(update, RaceBoard.ALL));
    }

    private static List<String> union(final List<String> a, final List<String> b) {
        if (a.equals(b)) {
            return a;
        }
        final List<String> both = new ArrayList<>(a);
        b.stream().filter(board -> !a.contains(board)).forEach(both::add);
        return both;
    }

    private static String boardKey(final BoardUpdate update, final String category) {
        return update.raceId() + "|" + Objects.requireNonNull(category);
    }
}
