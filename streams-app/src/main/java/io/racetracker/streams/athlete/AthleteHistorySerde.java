package io.racetracker.streams.athlete;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Sex;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.streams.codec.CompactReader;
import io.racetracker.streams.codec.CompactSerde;
import io.racetracker.streams.codec.CompactWriter;
import io.racetracker.streams.codec.SharedTexts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code athlete-splits} store's values in the compact binary form ({@link CompactWriter}), read and written on
 * every read the tracker takes: a version byte, then every field in a fixed order, and a split's race, athlete and bib
 * left out where they are the ones before it (they nearly always are), instants to the millisecond as version 1 kept
 * them. No field names, no object graph built to read it, a few dozen bytes a split.
 *
 * <p>A store or changelog written in version 1 (Smile) still reads, and is written back in version 2
 * ({@link CompactSerde}). The formats are pinned by golden bytes ({@code PersistedFormatsTest}).
 */
public final class AthleteHistorySerde extends CompactSerde<AthleteHistory> {
    private static final byte RACE_AS_BEFORE = 1;
    private static final byte ATHLETE_AS_BEFORE = 2;
    private static final byte BIB_AS_BEFORE = 4;
    private static final Sex[] SEXES = Sex.values();
    /** Race ids, timing point ids, categories, countries and waves: the same few in every history. */
    private static final SharedTexts SHARED = new SharedTexts();

    public AthleteHistorySerde() {
        super(AthleteHistory.class, "an athlete's history");
    }

    @Override
    protected void write(final CompactWriter out, final AthleteHistory history) {
        writeAthlete(out, history.athlete());
        out.varint(history.splits().size());
        String race = history.athlete() == null ? null : history.athlete().raceId();
        String athlete = history.athlete() == null ? null : history.athlete().athleteId();
        String bib = history.athlete() == null ? null : history.athlete().bib();
        for (final SplitEvent split : history.splits()) {
            final int flags = (Objects.equals(split.raceId(), race) ? RACE_AS_BEFORE : 0)
                    | (Objects.equals(split.athleteId(), athlete) ? ATHLETE_AS_BEFORE : 0)
                    | (Objects.equals(split.bib(), bib) ? BIB_AS_BEFORE : 0);
            out.varint(flags);
            if ((flags & RACE_AS_BEFORE) == 0) {
                out.string(split.raceId());
            }
            if ((flags & ATHLETE_AS_BEFORE) == 0) {
                out.string(split.athleteId());
            }
            if ((flags & BIB_AS_BEFORE) == 0) {
                out.string(split.bib());
            }
            race = split.raceId();
            athlete = split.athleteId();
            bib = split.bib();
            out.string(split.timingPointId());
            out.float64(split.distanceM());
            out.optionalLong(split.lap() == null ? null : split.lap().longValue());
            out.varlong(split.elapsedMs());
            out.instant(split.readAt());
            out.optionalLong(split.gunElapsedMs());
        }
        out.varlong(history.duplicates());
        out.bool(history.dnf());
        out.bool(history.lastBroadcastAt() != null);
        if (history.lastBroadcastAt() != null) {
            out.instant(history.lastBroadcastAt());
        }
        final AthleteHistory.Standing standing = history.standing();
        out.bool(standing != null);
        if (standing != null) {
            out.float64(standing.pTarget());
            out.varlong(standing.aheadOfTargetMs());
            out.varlong(standing.projectedFinishMs());
        }
        out.varint(history.held().size());
        for (final AthleteHistory.Held held : history.held()) {
            out.varint(held.raw().length);
            out.raw(held.raw());
            out.varint(held.partition());
            out.varlong(held.offset());
        }
        out.bool(history.disqualified());
        out.bool(history.overrides() != null);
        if (history.overrides() != null) {
            out.string(history.overrides().category());
            out.string(history.overrides().wave());
        }
    }

    @Override
    protected AthleteHistory read(final CompactReader in) {
        final Athlete athlete = readAthlete(in);
        final int count = in.varint();
        final List<SplitEvent> splits = new ArrayList<>(count);
        String race = athlete == null ? null : athlete.raceId();
        String athleteId = athlete == null ? null : athlete.athleteId();
        String bib = athlete == null ? null : athlete.bib();
        for (int i = 0; i < count; i++) {
            final int flags = in.varint();
            race = (flags & RACE_AS_BEFORE) != 0 ? race : in.shared(SHARED);
            athleteId = (flags & ATHLETE_AS_BEFORE) != 0 ? athleteId : in.string();
            bib = (flags & BIB_AS_BEFORE) != 0 ? bib : in.string();
            final String point = in.shared(SHARED);
            final double distanceM = in.float64();
            final Long lap = in.optionalLong();
            final long elapsedMs = in.varlong();
            final Instant readAt = in.instant();
            final Long gunElapsedMs = in.optionalLong();
            splits.add(new SplitEvent(race, athleteId, bib, point, distanceM, lap == null ? null : lap.intValue(),
                    elapsedMs, readAt, gunElapsedMs));
        }
        final long duplicates = in.varlong();
        final boolean dnf = in.bool();
        final Instant lastBroadcastAt = in.bool() ? in.instant() : null;
        final AthleteHistory.Standing standing = in.bool()
                ? new AthleteHistory.Standing(in.float64(), in.varlong(), in.varlong()) : null;
        final int heldCount = in.varint();
        final List<AthleteHistory.Held> held = new ArrayList<>(heldCount);
        for (int i = 0; i < heldCount; i++) {
            held.add(new AthleteHistory.Held(in.raw(in.varint()), in.varint(), in.varlong()));
        }
        final boolean disqualified = in.bool();
        final AthleteHistory.Overrides overrides = in.bool() ? new AthleteHistory.Overrides(in.string(), in.string()) : null;
        return new AthleteHistory(athlete, splits, duplicates, dnf, lastBroadcastAt, standing, held, disqualified,
                overrides);
    }

    private static void writeAthlete(final CompactWriter out, final Athlete athlete) {
        out.bool(athlete != null);
        if (athlete == null) {
            return;
        }
        out.string(athlete.athleteId());
        out.string(athlete.raceId());
        out.string(athlete.bib());
        out.string(athlete.name());
        out.string(athlete.country());
        out.constant(athlete.sex());
        out.string(athlete.category());
        out.optionalLong(athlete.age() == null ? null : athlete.age().longValue());
        out.optionalLong(athlete.targetMs());
        out.bool(athlete.pacemaker());
        out.string(athlete.chip());
        out.string(athlete.wave());
    }

    private static Athlete readAthlete(final CompactReader in) {
        if (!in.bool()) {
            return null;
        }
        final String athleteId = in.string();
        final String raceId = in.shared(SHARED);
        final String bib = in.string();
        final String name = in.string();
        final String country = in.shared(SHARED);
        final Sex sex = in.constant(SEXES);
        final String category = in.shared(SHARED);
        final Long age = in.optionalLong();
        final Long targetMs = in.optionalLong();
        final boolean pacemaker = in.bool();
        final String chip = in.string();
        final String wave = in.shared(SHARED);
        return new Athlete(athleteId, raceId, bib, name, country, sex, category,
                age == null ? null : age.intValue(), targetMs, pacemaker, chip, wave);
    }
}
