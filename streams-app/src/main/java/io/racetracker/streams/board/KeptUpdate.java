package io.racetracker.streams.board;

import io.racetracker.core.event.AthleteStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An athlete's latest board update, held until their next one, seconds away in a big field: kept field by field and
 * written over in place. Keeping each update as it came would leave, at every read, an object that outlives a young
 * collection or two and a reference to it written into an old one (a card the collector scans at its next young
 * collection), both more of them the bigger the field (docs/performance.md, "Values rewritten in place"). Here a read
 * writes numbers, and a text only when it changed; the crossing and the timing point, which change at every read, are
 * kept as their numbers in a table of the texts seen ({@link Texts}).
 */
final class KeptUpdate {
    private String raceId;
    private String athleteId;
    private String bib;
    private String name;
    private String category;
    private AthleteStatus status;
    private boolean pacemaker;
    private int crossing;
    private int timingPoint;
    private double distanceM;
    private long elapsedMs;
    private long projectedFinishMs;
    private double pTarget;
    private boolean hasReadAt;
    private long readAtSecond;
    private int readAtNano;

    KeptUpdate(final BoardUpdate update, final Texts texts) {
        write(update, texts);
    }

    /** Writes the update over the one kept: a text only when it is another, so that nothing old points anew. */
    void write(final BoardUpdate update, final Texts texts) {
        if (!Objects.equals(raceId, update.raceId())) {
            raceId = update.raceId();
        }
        if (!Objects.equals(athleteId, update.athleteId())) {
            athleteId = update.athleteId();
        }
        if (!Objects.equals(bib, update.bib())) {
            bib = update.bib();
        }
        if (!Objects.equals(name, update.name())) {
            name = update.name();
        }
        if (!Objects.equals(category, update.category())) {
            category = update.category();
        }
        if (status != update.status()) {
            status = update.status();
        }
        pacemaker = update.pacemaker();
        crossing = texts.number(update.crossingId());
        timingPoint = texts.number(update.timingPointId());
        distanceM = update.distanceM();
        elapsedMs = update.elapsedMs();
        projectedFinishMs = update.projectedFinishMs();
        pTarget = update.pTarget();
        hasReadAt = update.readAt() != null;
        readAtSecond = hasReadAt ? update.readAt().getEpochSecond() : 0;
        readAtNano = hasReadAt ? update.readAt().getNano() : 0;
    }

    /** The update kept, as a new object equal to the one written last. */
    BoardUpdate update(final Texts texts) {
        return new BoardUpdate(raceId, athleteId, bib, name, category, pacemaker, texts.text(crossing),
                texts.text(timingPoint), distanceM, elapsedMs, projectedFinishMs, pTarget, status,
                hasReadAt ? Instant.ofEpochSecond(readAtSecond, readAtNano) : null);
    }

    /** Texts by number, each number given once: a race's crossings and timing points, a few dozen. */
    static final class Texts {
        private static final int NONE = -1;
        private final Map<String, Integer> numbers = new HashMap<>();
        private final List<String> texts = new ArrayList<>();

        int number(final String text) {
            if (text == null) {
                return NONE;
            }
            final Integer known = numbers.get(text);
            if (known != null) {
                return known;
            }
            texts.add(text);
            numbers.put(text, texts.size() - 1);
            return texts.size() - 1;
        }

        String text(final int number) {
            return number == NONE ? null : texts.get(number);
        }
    }
}
