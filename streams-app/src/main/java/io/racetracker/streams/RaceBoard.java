package io.racetracker.streams;

import io.racetracker.core.event.Leaderboard;
import io.racetracker.core.event.RaceAlert;
import io.racetracker.core.event.RaceResult;
import io.racetracker.core.race.RaceTime;
import io.racetracker.streams.BoardState.MatLeader;
import io.racetracker.streams.BoardState.Meta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The race views, per race (input keyed by race id): a board per category and one for the whole race
 * ({@value #ALL}) with every athlete ordered by the furthest mat reached and the chip time there, the fastest
 * time at each mat for gaps, lead changes and break-aways, and places for finishers. Changed boards are published
 * at most once per {@link TrackerOptions#leaderboardInterval()}. Pacemakers are left off.
 */
final class RaceBoard implements Processor<String, BoardUpdate, String, BoardOutput> {
    static final String ALL = "ALL";
    /** Pack reshuffles closer than this at the same mat are not a lead change. */
    private static final long LEAD_CHANGE_MIN_GAP_MS = 1_000;
    private static final StringSerializer PREFIX = new StringSerializer();

    private final TrackerOptions options;
    private final Map<String, FinishPlaces> places = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Map<String, Instant> updatedAt = new HashMap<>();
    private KeyValueStore<String, BoardUpdate> positions;
    private KeyValueStore<String, BoardUpdate> athletes;
    private KeyValueStore<String, MatLeader> mats;
    private KeyValueStore<String, Meta> metas;
    private ProcessorContext<String, BoardOutput> context;
    private long recordTimestamp;

    RaceBoard(final TrackerOptions options) {
        this.options = options;
    }

    @Override
    public void init(final ProcessorContext<String, BoardOutput> context) {
        this.context = context;
        positions = context.getStateStore(TrackerTopology.BOARD_POSITIONS_STORE);
        athletes = context.getStateStore(TrackerTopology.BOARD_ATHLETES_STORE);
        mats = context.getStateStore(TrackerTopology.BOARD_MATS_STORE);
        metas = context.getStateStore(TrackerTopology.BOARD_META_STORE);
        context.schedule(options.leaderboardInterval(), PunctuationType.WALL_CLOCK_TIME, this::publish);
    }

    @Override
    public void process(final Record<String, BoardUpdate> record) {
        final BoardUpdate update = record.value();
        recordTimestamp = record.timestamp();
        if (update.pacemaker()) {
            return;
        }
        final String athleteKey = update.raceId() + "|" + update.athleteId();
        final BoardUpdate old = athletes.get(athleteKey);
        athletes.put(athleteKey, update);
        final boolean newCrossing = old == null || !old.crossingId().equals(update.crossingId())
                || old.elapsedMs() != update.elapsedMs();
        for (final String category : List.of(update.category(), ALL)) {
            final String board = update.raceId() + "|" + category;
            if (old != null) {
                positions.delete(board + "|" + old.rankKey());
            }
            positions.put(board + "|" + update.rankKey(), update);
            Meta meta = metas.get(board);
            meta = meta == null ? Meta.EMPTY : meta;
            if (old == null) {
                meta = meta.withAthlete();
            }
            if (newCrossing) {
                meta = atMat(board, category, update, meta);
            }
            metas.put(board, leadership(board, category, update, meta));
            dirty.add(board);
            updatedAt.merge(board, update.readAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        if (update.finished() && (old == null || !old.finished())) {
            finished(update, record);
        }
    }

    /** Records the crossing at its mat; raises a break-away when the second athlete arrives far enough behind. */
    private Meta atMat(final String board, final String category, final BoardUpdate update, final Meta meta) {
        final String matKey = board + "|" + update.crossingId();
        final MatLeader before = mats.get(matKey);
        final MatLeader mat = before == null ? new MatLeader(update.athleteId(), update.elapsedMs(), 1)
                : update.elapsedMs() < before.elapsedMs() ? new MatLeader(update.athleteId(), update.elapsedMs(), before.crossed() + 1)
                : new MatLeader(before.athleteId(), before.elapsedMs(), before.crossed() + 1);
        mats.put(matKey, mat);
        if (ALL.equals(category) || mat.crossed() != 2 || mat.athleteId().equals(update.athleteId())) {
            return meta;
        }
        final long gapMs = update.elapsedMs() - mat.elapsedMs();
        final long threshold = options.breakawayGap().toMillis();
        if (gapMs >= threshold && meta.lastGapMs() < threshold) {
            final BoardUpdate leader = athletes.get(update.raceId() + "|" + mat.athleteId());
            if (leader != null) {
                forwardAlert(RaceAlert.Type.BREAKAWAY, leader, category, update, (double) gapMs,
                        LiveText.shortName(leader.name()) + " breaks away: " + RaceTime.gap(gapMs).substring(1)
                                + " clear of " + LiveText.shortName(update.name()) + " at " + update.timingPointId());
            }
        }
        return meta.withGap(gapMs);
    }

    /**
     * Who leads the board now. A new leader is only called once the previous leader reaches the same mat: a pack
     * crosses every mat in some order, and whoever happens to be first on a mat is not news unless they are at least
     * {@value #LEAD_CHANGE_MIN_GAP_MS} ms clear there.
     */
    private Meta leadership(final String board, final String category, final BoardUpdate update, final Meta meta) {
        final boolean mayLead = meta.leaderId() == null || update.athleteId().equals(meta.leaderId())
                || update.rankKey().compareTo(meta.leaderRankKey()) < 0;
        if (!mayLead) {
            // behind the leader on record: cannot change who is first (most updates of a mass race)
            return meta;
        }
        final BoardUpdate first = firstOf(board);
        if (first == null) {
            return meta;
        }
        if (first.athleteId().equals(meta.leaderId())) {
            return meta.withLeader(first);
        }
        final BoardUpdate previous = meta.leaderId() == null ? null : athletes.get(update.raceId() + "|" + meta.leaderId());
        if (previous != null && !previous.crossingId().equals(first.crossingId())) {
            return meta;
        }
        if (previous != null && !ALL.equals(category)
                && previous.elapsedMs() - first.elapsedMs() >= LEAD_CHANGE_MIN_GAP_MS) {
            forwardAlert(RaceAlert.Type.LEAD_CHANGE, first, category, first, null, LiveText.shortName(first.name())
                    + " takes the lead in " + category + " at " + first.timingPointId() + ", ahead of "
                    + LiveText.shortName(previous.name()));
        }
        return meta.withLeader(first);
    }

    /**
     * Counts a new finisher and publishes their result. Reads of different athletes can arrive out of chip-time
     * order (a replay, a slow partition): a finisher who comes in faster than someone already placed in the top
     * {@link TrackerOptions#leaderboardSize()} of a board moves them down, so their results are published again.
     */
    private void finished(final BoardUpdate update, final Record<String, BoardUpdate> record) {
        final Set<String> displaced = new LinkedHashSet<>();
        for (final String board : List.of(update.raceId() + "|" + ALL, update.raceId() + "|" + update.category())) {
            countFinisher(board, update);
            if (places.get(board).placeOf(update.elapsedMs()) <= options.leaderboardSize()) {
                displaced.addAll(slowerFinishersInTop(board, update));
            }
        }
        context.forward(record.withKey(update.athleteId()).withValue(BoardOutput.of(result(update))));
        for (final String athleteId : displaced) {
            final BoardUpdate other = athletes.get(update.raceId() + "|" + athleteId);
            context.forward(record.withKey(athleteId).withValue(BoardOutput.of(result(other))));
        }
    }

    private List<String> slowerFinishersInTop(final String board, final BoardUpdate update) {
        final List<String> slower = new ArrayList<>();
        try (KeyValueIterator<String, BoardUpdate> it = positions.prefixScan(board + "|", PREFIX)) {
            for (int position = 1; it.hasNext() && position <= options.leaderboardSize(); position++) {
                final BoardUpdate entry = it.next().value;
                if (!entry.finished()) {
                    break;
                }
                if (entry.elapsedMs() > update.elapsedMs()) {
                    slower.add(entry.athleteId());
                }
            }
        }
        return slower;
    }

    private RaceResult result(final BoardUpdate update) {
        final int place = places.get(update.raceId() + "|" + ALL).placeOf(update.elapsedMs());
        final int categoryPlace = places.get(update.raceId() + "|" + update.category()).placeOf(update.elapsedMs());
        return new RaceResult(update.raceId(), update.athleteId(), update.bib(), update.name(), update.category(),
                update.elapsedMs(), RaceTime.hms(update.elapsedMs()), place, categoryPlace);
    }

    /** Counts a new finisher on a board. */
    private void countFinisher(final String board, final BoardUpdate update) {
        final FinishPlaces known = places.get(board);
        if (known == null) {
            // first finisher since this task started: everyone is in the store already, this one included
            places.put(board, finishersOf(board));
        } else {
            known.add(update.elapsedMs());
        }
    }

    /** Finishers of a board from its store: all of them, since this one was already put there. */
    private FinishPlaces finishersOf(final String board) {
        final FinishPlaces finishers = new FinishPlaces();
        try (KeyValueIterator<String, BoardUpdate> it = positions.prefixScan(board + "|", PREFIX)) {
            while (it.hasNext()) {
                final BoardUpdate entry = it.next().value;
                if (!entry.finished()) {
                    break;
                }
                finishers.add(entry.elapsedMs());
            }
        }
        return finishers;
    }

    private BoardUpdate firstOf(final String board) {
        try (KeyValueIterator<String, BoardUpdate> it = positions.prefixScan(board + "|", PREFIX)) {
            return it.hasNext() ? it.next().value : null;
        }
    }

    private void publish(final long wallMs) {
        for (final String board : dirty) {
            final String[] parts = board.split("\\|", 2);
            final List<Leaderboard.Entry> entries = new ArrayList<>(options.leaderboardSize());
            try (KeyValueIterator<String, BoardUpdate> it = positions.prefixScan(board + "|", PREFIX)) {
                while (it.hasNext() && entries.size() < options.leaderboardSize()) {
                    final BoardUpdate a = it.next().value;
                    final MatLeader mat = mats.get(board + "|" + a.crossingId());
                    final long gapMs = mat == null ? 0 : a.elapsedMs() - mat.elapsedMs();
                    entries.add(new Leaderboard.Entry(entries.size() + 1, a.athleteId(), a.bib(), a.name(), a.category(),
                            a.timingPointId(), a.distanceM(), a.elapsedMs(), gapMs, gapMs == 0 ? "" : RaceTime.gap(gapMs),
                            a.projectedFinishMs(), a.pTarget(), a.status()));
                }
            }
            final Meta meta = metas.get(board);
            final Leaderboard leaderboard = new Leaderboard(parts[0], parts[1], meta == null ? entries.size() : meta.athletes(),
                    entries, updatedAt.get(board));
            context.forward(new Record<>(Leaderboard.key(parts[0], parts[1]), BoardOutput.of(leaderboard), wallMs));
        }
        dirty.clear();
    }

    private void forwardAlert(final RaceAlert.Type type, final BoardUpdate about, final String category,
                              final BoardUpdate at, final Double value, final String message) {
        final RaceAlert alert = new RaceAlert(type, about.raceId(), about.athleteId(), about.name(), category,
                at.timingPointId(), at.distanceM(), about.elapsedMs(), value, message, at.readAt());
        context.forward(new Record<>(about.athleteId(), BoardOutput.of(alert), recordTimestamp));
    }
}
