package io.racetracker.streams.board;

import io.racetracker.core.event.AthleteStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One athlete task's share of the race boards. A race's boards live in one task ({@link RaceBoard}), and all but a
 * few of a mass race's updates cannot change what they publish: this class decides, in the athlete's own task, which
 * updates the race's task must see, so that the rest never cross the {@code board-updates} repartition topic.
 *
 * <p>It keeps, per board, this task's first {@code size} athletes, ranked exactly as {@link RaceBoard} ranks them
 * ({@link BoardUpdate#RANK}), and each athlete's latest state; it passes on an update when
 * <ul>
 *   <li>the athlete is new to the race (each board counts its athletes), changed category, or finished (places
 *       count every finisher);</li>
 *   <li>it is among the first two crossings of its mat on one of the athlete's boards in this task, or the fastest
 *       there so far (a mat's fastest time gives the gaps, its second crossing a break-away);</li>
 *   <li>the athlete is in this task's first {@code size} of one of their boards; and when an athlete leaves a
 *       board (a category change), the one who moves up into its first places here is passed on too.</li>
 * </ul>
 * The first {@code size} of a board over the whole race are among the first {@code size} of some task, so the race's
 * task always holds the current state of everyone it can publish. An athlete whose updates are held back stays on the
 * race's boards where they were last seen: behind where they really are, which is behind this task's first places,
 * so never ahead of anyone the boards publish. Passing on more
 * than needed is always safe (the race's boards take any update), so after a restart, when the mats' counts are
 * rebuilt from each athlete's latest crossing only, a few more updates than necessary go through.
 *
 * <p>Not thread-safe: one instance per task, used by the task's thread.
 */
public final class BoardShortlist {
    private final int size;
    /** Each athlete's latest state, by athlete key: one task may carry several races, and ids mean nothing across them. */
    private final Map<String, KeptUpdate> latest = new HashMap<>();
    private final KeptUpdate.Texts texts = new KeptUpdate.Texts();
    private final Map<String, Map<String, Board>> races = new HashMap<>();

    /** One board as far as this task knows it: its first {@code size} athletes here, and its mats. */
    private static final class Board {
        final String raceId;
        final String category;
        final TreeSet<BoardUpdate> first = new TreeSet<>(BoardUpdate.RANK);
        final Map<String, MatCount> mats = new HashMap<>();
        /** This board and the whole race's (itself, for the race's): the boards an athlete of this category is on. */
        final List<Board> withRace;

        Board(final String raceId, final String category, final Board race) {
            this.raceId = raceId;
            this.category = category;
            this.withRace = race == null ? List.of(this) : List.of(this, race);
        }

        boolean holds(final BoardUpdate athlete) {
            return athlete.raceId().equals(raceId) && athlete.status() != AthleteStatus.DSQ
                    && (RaceBoard.ALL.equals(category) || athlete.category().equals(category));
        }
    }

    /** This task's crossings of one mat on one board: how many (counted up to 2) and the fastest time. */
    private static final class MatCount {
        private int crossed;
        private long fastestMs = Long.MAX_VALUE;

        /** Counts a crossing; true when it is one of the first two or the fastest so far. */
        boolean count(final long elapsedMs) {
            final boolean news = crossed < 2 || elapsedMs < fastestMs;
            crossed = Math.min(2, crossed + 1);
            fastestMs = Math.min(fastestMs, elapsedMs);
            return news;
        }
    }

    /** @param size positions published per board */
    public BoardShortlist(final int size) {
        this.size = size;
    }

    /**
     * Takes an athlete's latest state from the store into account, passing nothing on (it was passed on before).
     *
     * @param athleteKey the athlete's key, {@code raceId/athleteId}
     */
    public void restore(final String athleteKey, final BoardUpdate update) {
        keep(athleteKey, update);
        for (final Board board : boardsOf(update)) {
            place(board, null, update);
            countCrossing(board, update);
        }
    }

    /**
     * Takes the athlete's new state and returns what the race's boards must hear: the update itself, if it can
     * matter to them, and anyone who moved up into a board's first {@code size} because of it. Pacemakers are on
     * no board.
     *
     * @param athleteKey the athlete's key, {@code raceId/athleteId}: the record's own, so that it is not built again
     */
    public List<BoardUpdate> offer(final String athleteKey, final BoardUpdate update) {
        if (update.pacemaker()) {
            return List.of();
        }
        final BoardUpdate old = keep(athleteKey, update);
        if (update.status() == AthleteStatus.DSQ) {
            // off every board: the race's boards must hear of it, and whoever moves up here instead
            final List<BoardUpdate> out = new ArrayList<>(3);
            out.add(update);
            if (old != null) {
                for (final Board board : boardsOf(old)) {
                    leave(board, old).ifPresent(out::add);
                }
            }
            return out;
        }
        // finishing, un-finishing (a finish read voided), a finish time corrected and a reinstatement all change
        // places, which count every finisher
        boolean relevant = old == null || update.finished() != old.finished() || old.disqualified()
                || update.finished() && update.elapsedMs() != old.elapsedMs();
        final boolean newCrossing = old == null || !old.crossingId().equals(update.crossingId())
                || old.elapsedMs() != update.elapsedMs();
        List<BoardUpdate> movedUp = List.of();
        if (old != null && !(old.raceId().equals(update.raceId()) && old.category().equals(update.category()))) {
            relevant = true;
            movedUp = new ArrayList<>(2);
            for (final Board board : boardsOf(old)) {
                if (!board.holds(update)) {
                    leave(board, old).ifPresent(movedUp::add);
                }
            }
        }
        for (final Board board : boardsOf(update)) {
            relevant |= place(board, old != null && board.holds(old) ? old : null, update);
            if (newCrossing) {
                relevant |= countCrossing(board, update);
            }
        }
        if (!relevant) {
            return movedUp;
        }
        final List<BoardUpdate> out = new ArrayList<>(movedUp.size() + 1);
        out.add(update);
        out.addAll(movedUp);
        return out;
    }

    /**
     * Takes an athlete off the boards (their only accepted read was voided: they have no state any more); returns what
     * the race's boards must hear, nothing when they were on none.
     */
    public List<BoardUpdate> withdraw(final String athleteKey) {
        final KeptUpdate kept = latest.get(athleteKey);
        final BoardUpdate old = kept == null ? null : kept.update(texts);
        return old == null || old.disqualified() ? List.of() : offer(athleteKey, old.offTheBoards());
    }

    /**
     * Puts the athlete's new state in the board's first places if it belongs there; true when it does. An
     * athlete's own update never moves them back on a board (a new mat is further, anything else keeps their
     * place), so one of the first stays among them and no one else needs to move up.
     */
    private boolean place(final Board board, final BoardUpdate old, final BoardUpdate update) {
        // an athlete ranked after the last of the first places is not among them: no search of the tree for them
        if (old != null && !board.first.isEmpty() && BoardUpdate.RANK.compare(old, board.first.last()) <= 0
                && board.first.remove(old)) {
            board.first.add(update);
            if (BoardUpdate.RANK.compare(update, old) > 0) {
                refill(board);
            }
            return board.first.contains(update);
        }
        if (board.first.size() < size) {
            board.first.add(update);
            return true;
        }
        if (BoardUpdate.RANK.compare(update, board.first.last()) < 0) {
            board.first.add(update);
            board.first.pollLast();
            return true;
        }
        return false;
    }

    /** Takes the athlete off the board's first places (they left the board); returns whoever moves up instead. */
    private Optional<BoardUpdate> leave(final Board board, final BoardUpdate old) {
        if (!board.first.remove(old)) {
            return Optional.empty();
        }
        final Optional<BoardUpdate> next = everyone()
                .filter(a -> board.holds(a) && !board.first.contains(a))
                .min(BoardUpdate.RANK);
        next.ifPresent(board.first::add);
        return next;
    }

    /** Rebuilds the board's first places from every athlete of this task: rare, only if a rank ever went back. */
    private void refill(final Board board) {
        board.first.clear();
        everyone().filter(board::holds).sorted(BoardUpdate.RANK).limit(size).forEach(board.first::add);
    }

    /**
     * Counts a crossing of its mat on a board; true when it is one of the first two there or the fastest. Whoever
     * is fastest at a mat, or second there, is mostly also among a board's first places when the gap is shown or
     * the break-away called; this makes sure of it for boards of one or two places and reads arriving out of order.
     */
    private boolean countCrossing(final Board board, final BoardUpdate update) {
        MatCount mat = board.mats.get(update.crossingId());
        if (mat == null) {
            mat = new MatCount();
            board.mats.put(update.crossingId(), mat);
        }
        return mat.count(update.elapsedMs());
    }

    /** Keeps the athlete's update in place of their last; returns the last, as an update of its own, or null. */
    private BoardUpdate keep(final String athleteKey, final BoardUpdate update) {
        final KeptUpdate kept = latest.get(athleteKey);
        if (kept == null) {
            latest.put(athleteKey, new KeptUpdate(update, texts));
            return null;
        }
        final BoardUpdate old = kept.update(texts);
        kept.write(update, texts);
        return old;
    }

    /** Every athlete's latest update: for a board's first places rebuilt, which is rare. */
    private Stream<BoardUpdate> everyone() {
        return latest.values().stream().map(kept -> kept.update(texts));
    }

    /** The athlete's category board and the whole race's, created on first use. */
    private List<Board> boardsOf(final BoardUpdate update) {
        Map<String, Board> boards = races.get(update.raceId());
        if (boards == null) {
            boards = new HashMap<>();
            boards.put(RaceBoard.ALL, new Board(update.raceId(), RaceBoard.ALL, null));
            races.put(update.raceId(), boards);
        }
        Board board = boards.get(update.category());
        if (board == null) {
            board = new Board(update.raceId(), update.category(), boards.get(RaceBoard.ALL));
            boards.put(update.category(), board);
        }
        return board.withRace;
    }
}
