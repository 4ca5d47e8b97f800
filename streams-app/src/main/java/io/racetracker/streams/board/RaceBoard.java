package io.racetracker.streams.board;

import io.racetracker.core.event.Leaderboard;
import io.racetracker.core.event.RaceAlert;
import io.racetracker.core.event.RaceResult;
import io.racetracker.core.race.RaceTime;
import io.racetracker.core.topic.Keys;
import io.racetracker.streams.LiveText;
import io.racetracker.streams.StateNames;
import io.racetracker.streams.TrackerOptions;
import io.racetracker.streams.board.BoardState.MatLeader;
import io.racetracker.streams.board.BoardState.Meta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The race views, per race (input keyed by race id): a board per category and one for the whole race
 * ({@value #ALL}) with every athlete ordered by the furthest mat reached and the chip time there, the fastest
 * time at each mat for gaps, lead changes and break-aways, and places for finishers. Changed boards are published
 * at most once per {@link TrackerOptions#leaderboardInterval()}, to {@code race-leaderboard} and to the queryable
 * store {@value StateNames#LEADERBOARDS_STORE}. Pacemakers are left off.
 *
 * <p>The changelogged stores hold what must survive a restart: each athlete's latest update
 * ({@value StateNames#BOARD_ATHLETES_STORE}), the fastest athlete at each mat
 * ({@value StateNames#BOARD_MATS_STORE}) and each board's leader ({@value StateNames#BOARD_META_STORE}).
 * The order of each board and its finish places are derived from them, so they are kept in memory only and rebuilt
 * from the stores in {@link #init}, which Kafka Streams calls again whenever the task's state has been restored.
 * One board update therefore costs one store write, plus one when a mat or a board's lead changes.
 *
 * <p>Categories are free text from the registrations. A race gets at most
 * {@link TrackerOptions#maxCategoryBoards()} category boards, first come first served; an athlete of a category beyond
 * them is on the race's {@value #ALL} board only, and their result has no category place (0). Which categories have a
 * board survives a restart: every board that ever took an athlete has a record in
 * {@value StateNames#BOARD_META_STORE}, and those boards are made again first.
 */
public final class RaceBoard implements Processor<String, BoardUpdate, String, BoardOutput> {
    public static final String ALL = "ALL";
    private static final Logger LOG = LoggerFactory.getLogger(RaceBoard.class);
    /** Pack reshuffles closer than this at the same mat are not a lead change. */
    private static final long LEAD_CHANGE_MIN_GAP_MS = 1_000;

    private final TrackerOptions options;
    private final Map<String, Board> boards = new HashMap<>();
    /** Per race, how many category boards it has (its {@value #ALL} board aside). */
    private final Map<String, Integer> categoryBoards = new HashMap<>();
    /** Races whose category boards ran out, already logged. */
    private final Set<String> full = new java.util.HashSet<>();
    private final Map<String, BoardUpdate> latest = new HashMap<>();
    private final Map<String, MatLeader> matLeaders = new HashMap<>();
    private final Set<Board> dirty = new LinkedHashSet<>();
    private KeyValueStore<String, BoardUpdate> athletes;
    private KeyValueStore<String, MatLeader> mats;
    private KeyValueStore<String, Meta> metas;
    private KeyValueStore<String, Leaderboard> published;
    private ProcessorContext<String, BoardOutput> context;
    private long recordTimestamp;

    public RaceBoard(final TrackerOptions options) {
        this.options = options;
    }

    /** One board in memory: its athletes in leaderboard order and its finishers' times. */
    private static final class Board {
        final String raceId;
        final String category;
        final String key;
        final TreeSet<BoardUpdate> order = new TreeSet<>(BoardUpdate.RANK);
        final FinishPlaces places = new FinishPlaces();
        Meta meta = Meta.EMPTY;
        Instant updatedAt;

        Board(final String raceId, final String category) {
            this.raceId = raceId;
            this.category = category;
            this.key = raceId + "|" + category;
        }
    }

    @Override
    public void init(final ProcessorContext<String, BoardOutput> context) {
        this.context = context;
        athletes = context.getStateStore(StateNames.BOARD_ATHLETES_STORE);
        mats = context.getStateStore(StateNames.BOARD_MATS_STORE);
        metas = context.getStateStore(StateNames.BOARD_META_STORE);
        published = context.getStateStore(StateNames.LEADERBOARDS_STORE);
        rebuild();
        context.schedule(options.leaderboardInterval(), PunctuationType.WALL_CLOCK_TIME, this::publish);
    }

    /** Derives the in-memory boards from the stores, dropping whatever an earlier life of this task held. */
    private void rebuild() {
        boards.clear();
        categoryBoards.clear();
        full.clear();
        latest.clear();
        matLeaders.clear();
        dirty.clear();
        // the boards there were before, first: they keep their places under the cap whatever order athletes come in
        try (KeyValueIterator<String, Meta> it = metas.all()) {
            it.forEachRemaining(entry -> {
                final int at = entry.key.indexOf('|');
                if (at > 0) {
                    final String raceId = entry.key.substring(0, at);
                    final String category = entry.key.substring(at + 1);
                    final Board board = ALL.equals(category) ? board(raceId, ALL) : categoryBoard(raceId, category);
                    if (board != null) {
                        board.meta = entry.value;
                    }
                }
            });
        }
        try (KeyValueIterator<String, BoardUpdate> it = athletes.all()) {
            while (it.hasNext()) {
                final KeyValue<String, BoardUpdate> entry = it.next();
                latest.put(entry.key, entry.value);
                for (final Board board : boardsOf(entry.value)) {
                    board.order.add(entry.value);
                    if (entry.value.finished()) {
                        board.places.add(entry.value.elapsedMs());
                    }
                }
            }
        }
        try (KeyValueIterator<String, MatLeader> it = mats.all()) {
            it.forEachRemaining(entry -> matLeaders.put(entry.key, entry.value));
        }
    }

    @Override
    public void process(final Record<String, BoardUpdate> record) {
        final BoardUpdate incoming = record.value();
        recordTimestamp = record.timestamp();
        if (incoming.pacemaker()) {
            return;
        }
        final String athleteKey = incoming.raceId() + "|" + incoming.athleteId();
        if (incoming.disqualified()) {
            withdraw(athleteKey, record);
            return;
        }
        final BoardUpdate old = latest.get(athleteKey);
        // kept until the athlete's next update, seconds away in a big field: the texts read again are left to die young
        final BoardUpdate update = old == null ? incoming : incoming.withTextsOf(old);
        latest.put(athleteKey, update);
        athletes.put(athleteKey, update);
        if (old != null) {
            for (final Board board : boardsOf(old)) {
                board.order.remove(old);
                if (old.finished() && !(update.finished() && update.elapsedMs() == old.elapsedMs())) {
                    // a finish voided or its time corrected: counted again below, or no more
                    board.places.remove(old.elapsedMs());
                    dirty.add(board);
                }
            }
        }
        final boolean newCrossing = old == null || !old.crossingId().equals(update.crossingId())
                || old.elapsedMs() != update.elapsedMs();
        for (final Board board : boardsOf(update)) {
            board.order.add(update);
            if (newCrossing) {
                atMat(board, update);
            }
            leadership(board);
            dirty.add(board);
            board.updatedAt = board.updatedAt == null || update.readAt().isAfter(board.updatedAt) ? update.readAt()
                    : board.updatedAt;
        }
        if (update.finished() && (old == null || !old.finished() || old.elapsedMs() != update.elapsedMs())) {
            finished(update, record);
        }
        if (old != null && old.finished() && !update.finished()) {
            context.forward(record.withKey(Keys.athlete(update.raceId(), update.athleteId())).withValue(BoardOutput.withdrawn()));
            republishSlower(old, record);
        }
        if (old != null && old.finished() && update.finished() && old.elapsedMs() < update.elapsedMs()) {
            republishSlower(old, record);
        }
    }

    /** Takes a disqualified athlete off every board: their result withdrawn, everyone behind them moved up. */
    private void withdraw(final String athleteKey, final Record<String, BoardUpdate> record) {
        final BoardUpdate old = latest.remove(athleteKey);
        athletes.delete(athleteKey);
        if (old == null) {
            return;
        }
        for (final Board board : boardsOf(old)) {
            board.order.remove(old);
            if (old.finished()) {
                board.places.remove(old.elapsedMs());
            }
            if (!board.order.isEmpty()) {
                leadership(board);
            }
            dirty.add(board);
        }
        if (old.finished()) {
            context.forward(record.withKey(Keys.athlete(old.raceId(), old.athleteId())).withValue(BoardOutput.withdrawn()));
            republishSlower(old, record);
        }
    }

    /** Publishes again the results of the published finishers slower than a finisher taken out: they moved up. */
    private void republishSlower(final BoardUpdate gone, final Record<String, BoardUpdate> record) {
        final Set<String> moved = new LinkedHashSet<>();
        for (final Board board : boardsOf(gone)) {
            moved.addAll(slowerFinishersInTop(board, gone));
        }
        for (final String athleteId : moved) {
            final BoardUpdate other = latest.get(gone.raceId() + "|" + athleteId);
            if (other != null) {
                context.forward(record.withKey(Keys.athlete(gone.raceId(), athleteId)).withValue(BoardOutput.of(result(other))));
            }
        }
    }

    /**
     * The athlete's category board, when the category has one or the race may still have another, and the whole
     * race's; created on first use.
     */
    private List<Board> boardsOf(final BoardUpdate update) {
        final Board all = board(update.raceId(), ALL);
        final Board category = ALL.equals(update.category()) ? null : categoryBoard(update.raceId(), update.category());
        return category == null ? List.of(all) : List.of(category, all);
    }

    private Board board(final String raceId, final String category) {
        return boards.computeIfAbsent(raceId + "|" + category, key -> new Board(raceId, category));
    }

    /** The category's board, made if the race has fewer than the cap; null when the race has no room for it. */
    private Board categoryBoard(final String raceId, final String category) {
        final Board existing = boards.get(raceId + "|" + category);
        if (existing != null) {
            return existing;
        }
        final int made = categoryBoards.getOrDefault(raceId, 0);
        if (made >= options.maxCategoryBoards()) {
            if (full.add(raceId)) {
                LOG.warn("race {} has {} category boards, the most allowed (race.tracker.leaderboard.max.categories);"
                        + " athletes of further categories count on its ALL board only", raceId, made);
            }
            return null;
        }
        categoryBoards.put(raceId, made + 1);
        return board(raceId, category);
    }

    /**
     * Records the crossing at its mat; raises a break-away when the second athlete arrives far enough behind.
     * Only the first two crossings of a mat matter, so a mat's record changes (and is written) only for them and
     * for a faster time arriving late.
     */
    private void atMat(final Board board, final BoardUpdate update) {
        final String matKey = board.key + "|" + update.crossingId();
        final MatLeader before = matLeaders.get(matKey);
        final MatLeader mat = before == null ? new MatLeader(update.athleteId(), update.elapsedMs(), 1)
                : update.elapsedMs() < before.elapsedMs() ? new MatLeader(update.athleteId(), update.elapsedMs(), 2)
                : before.crossed() < 2 ? new MatLeader(before.athleteId(), before.elapsedMs(), 2)
                : before;
        if (mat == before) {
            return;
        }
        matLeaders.put(matKey, mat);
        mats.put(matKey, mat);
        if (ALL.equals(board.category) || before == null || before.crossed() != 1 || mat.athleteId().equals(update.athleteId())) {
            return;
        }
        final long gapMs = update.elapsedMs() - mat.elapsedMs();
        final long threshold = options.breakawayGap().toMillis();
        if (gapMs >= threshold && board.meta.lastGapMs() < threshold) {
            final BoardUpdate leader = latest.get(update.raceId() + "|" + mat.athleteId());
            if (leader != null) {
                forwardAlert(RaceAlert.Type.BREAKAWAY, leader, board.category, update, (double) gapMs,
                        LiveText.shortName(leader.name()) + " breaks away: " + RaceTime.gap(gapMs).substring(1)
                                + " clear of " + LiveText.shortName(update.name()) + " at " + update.timingPointId());
            }
        }
        setMeta(board, board.meta.withGap(gapMs));
    }

    /**
     * Who leads the board now. A new leader is only called once the previous leader reaches the same mat: a pack
     * crosses every mat in some order, and whoever happens to be first on a mat is not news unless they are at least
     * {@value #LEAD_CHANGE_MIN_GAP_MS} ms clear there.
     */
    private void leadership(final Board board) {
        final BoardUpdate first = board.order.first();
        if (first.athleteId().equals(board.meta.leaderId())) {
            return;
        }
        final BoardUpdate previous = board.meta.leaderId() == null ? null
                : latest.get(board.raceId + "|" + board.meta.leaderId());
        if (previous != null && !previous.crossingId().equals(first.crossingId())) {
            return;
        }
        if (previous != null && !ALL.equals(board.category)
                && previous.elapsedMs() - first.elapsedMs() >= LEAD_CHANGE_MIN_GAP_MS) {
            forwardAlert(RaceAlert.Type.LEAD_CHANGE, first, board.category, first, null, LiveText.shortName(first.name())
                    + " takes the lead in " + board.category + " at " + first.timingPointId() + ", ahead of "
                    + LiveText.shortName(previous.name()));
        }
        setMeta(board, board.meta.withLeader(first.athleteId()));
    }

    private void setMeta(final Board board, final Meta meta) {
        if (!meta.equals(board.meta)) {
            board.meta = meta;
            metas.put(board.key, meta);
        }
    }

    /**
     * Counts a new finisher and publishes their result. Reads of different athletes can arrive out of chip-time
     * order (a replay, a slow partition): a finisher who comes in faster than someone already placed in the top
     * {@link TrackerOptions#leaderboardSize()} of a board moves them down, so their results are published again.
     */
    private void finished(final BoardUpdate update, final Record<String, BoardUpdate> record) {
        final Set<String> displaced = new LinkedHashSet<>();
        for (final Board board : boardsOf(update)) {
            board.places.add(update.elapsedMs());
            if (board.places.placeOf(update.elapsedMs()) <= options.leaderboardSize()) {
                displaced.addAll(slowerFinishersInTop(board, update));
            }
        }
        context.forward(record.withKey(Keys.athlete(update.raceId(), update.athleteId()))
                .withValue(BoardOutput.of(result(update))));
        for (final String athleteId : displaced) {
            final BoardUpdate other = latest.get(update.raceId() + "|" + athleteId);
            context.forward(record.withKey(Keys.athlete(update.raceId(), athleteId)).withValue(BoardOutput.of(result(other))));
        }
    }

    private List<String> slowerFinishersInTop(final Board board, final BoardUpdate update) {
        final List<String> slower = new ArrayList<>();
        final Iterator<BoardUpdate> it = board.order.iterator();
        for (int position = 1; it.hasNext() && position <= options.leaderboardSize(); position++) {
            final BoardUpdate entry = it.next();
            if (!entry.finished()) {
                break;
            }
            if (entry.elapsedMs() > update.elapsedMs()) {
                slower.add(entry.athleteId());
            }
        }
        return slower;
    }

    private RaceResult result(final BoardUpdate update) {
        final int place = board(update.raceId(), ALL).places.placeOf(update.elapsedMs());
        final Board category = boards.get(update.raceId() + "|" + update.category());
        final int categoryPlace = category == null ? 0 : category.places.placeOf(update.elapsedMs());
        return new RaceResult(update.raceId(), update.athleteId(), update.bib(), update.name(), update.category(),
                update.elapsedMs(), RaceTime.hms(update.elapsedMs()), place, categoryPlace);
    }

    private void publish(final long wallMs) {
        for (final Board board : dirty) {
            final List<Leaderboard.Entry> entries = new ArrayList<>(options.leaderboardSize());
            final Iterator<BoardUpdate> it = board.order.iterator();
            while (it.hasNext() && entries.size() < options.leaderboardSize()) {
                final BoardUpdate a = it.next();
                final MatLeader mat = matLeaders.get(board.key + "|" + a.crossingId());
                final long gapMs = mat == null ? 0 : a.elapsedMs() - mat.elapsedMs();
                entries.add(new Leaderboard.Entry(entries.size() + 1, a.athleteId(), a.bib(), a.name(), a.category(),
                        a.timingPointId(), a.distanceM(), a.elapsedMs(), gapMs, gapMs == 0 ? "" : RaceTime.gap(gapMs),
                        a.projectedFinishMs(), a.pTarget(), a.status()));
            }
            final Leaderboard leaderboard = new Leaderboard(board.raceId, board.category, board.order.size(), entries,
                    board.updatedAt);
            final String key = Leaderboard.key(board.raceId, board.category);
            published.put(key, leaderboard);
            context.forward(new Record<>(key, BoardOutput.of(leaderboard), wallMs));
        }
        dirty.clear();
    }

    private void forwardAlert(final RaceAlert.Type type, final BoardUpdate about, final String category,
                              final BoardUpdate at, final Double value, final String message) {
        final RaceAlert alert = new RaceAlert(type, about.raceId(), about.athleteId(), about.name(), category,
                at.timingPointId(), at.distanceM(), about.elapsedMs(), value, message, at.readAt());
        context.forward(new Record<>(Keys.athlete(about.raceId(), about.athleteId()), BoardOutput.of(alert), recordTimestamp));
    }
}
