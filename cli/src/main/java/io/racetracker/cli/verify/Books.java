package io.racetracker.cli.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.racetracker.core.event.AthleteProjection;
import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.json.Json;
import io.racetracker.core.topic.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The tracker's books: every read on {@code race-splits} must end as exactly one of an accepted split (a record on
 * {@code athlete-projections}), a counted duplicate (the athlete's latest {@code duplicateReads} on
 * {@code athlete-state}) or a dead letter from {@code race-splits} (on {@code race-dead-letters}). Counted per race
 * and athlete from what was committed.
 */
public final class Books {
    /** Key under which reads without a key are counted. */
    public static final String NO_KEY = "(no key)";
    /** Race under which reads that name no readable race are counted. */
    public static final String UNKNOWN_RACE = "(unreadable)";

    /**
     * One athlete's account.
     *
     * @param inputs      reads on race-splits
     * @param accepted    projections written
     * @param duplicates  duplicate reads counted
     * @param deadLetters reads rejected with a reason
     */
    public record Account(long inputs, long accepted, long duplicates, long deadLetters) {
        public boolean balances() {
            return inputs == accepted + duplicates + deadLetters;
        }

        Account plus(final Account other) {
            return new Account(inputs + other.inputs, accepted + other.accepted, duplicates + other.duplicates,
                    deadLetters + other.deadLetters);
        }
    }

    private final Map<String, Map<String, Account>> byRace;

    private Books(final Map<String, Map<String, Account>> byRace) {
        this.byRace = byRace;
    }

    /** Race, then athlete, to account. */
    public Map<String, Map<String, Account>> byRace() {
        return byRace;
    }

    public boolean balance() {
        return byRace.values().stream().flatMap(m -> m.values().stream()).allMatch(Account::balances);
    }

    public Account total(final String raceId) {
        return byRace.get(raceId).values().stream().reduce(new Account(0, 0, 0, 0), Account::plus);
    }

    /** Reads the four topics and balances the books. */
    public static Books read(final Properties clientProps, final Duration timeout) {
        final Map<String, Long> inputs = new HashMap<>();
        final Map<String, String> raceOf = new HashMap<>();
        TopicSnapshot.read(clientProps, Topics.RACE_SPLITS.name(), timeout, record -> {
            final String athlete = record.key() == null ? NO_KEY : record.key();
            inputs.merge(athlete, 1L, Long::sum);
            raceOf.putIfAbsent(athlete, raceIn(record.value()));
            if (UNKNOWN_RACE.equals(raceOf.get(athlete))) {
                raceOf.put(athlete, raceIn(record.value()));
            }
        });
        final Map<String, Long> accepted = new HashMap<>();
        TopicSnapshot.read(clientProps, Topics.ATHLETE_PROJECTIONS.name(), timeout,
                record -> accepted.merge(record.key(), 1L, Long::sum));
        final Map<String, Long> duplicates = new HashMap<>();
        TopicSnapshot.read(clientProps, Topics.ATHLETE_STATE.name(), timeout, record -> {
            if (record.value() != null) {
                final AthleteProjection state = Topics.ATHLETE_STATE.valueSerde().deserialize(record.topic(), record.value());
                duplicates.put(record.key(), state.duplicateReads());
            }
        });
        final Map<String, Long> dead = new HashMap<>();
        TopicSnapshot.read(clientProps, Topics.RACE_DEAD_LETTERS.name(), timeout, record -> {
            final DeadLetter letter = Topics.RACE_DEAD_LETTERS.valueSerde().deserialize(record.topic(), record.value());
            if (Topics.RACE_SPLITS.name().equals(letter.sourceTopic())) {
                dead.merge(letter.key() == null ? NO_KEY : letter.key(), 1L, Long::sum);
            }
        });

        final Map<String, Map<String, Account>> byRace = new TreeMap<>();
        for (final String athlete : inputs.keySet()) {
            final Account account = new Account(inputs.get(athlete), accepted.getOrDefault(athlete, 0L),
                    duplicates.getOrDefault(athlete, 0L), dead.getOrDefault(athlete, 0L));
            byRace.computeIfAbsent(raceOf.get(athlete), r -> new TreeMap<>()).put(athlete, account);
        }
        return new Books(byRace);
    }

    private static String raceIn(final byte[] value) {
        if (value == null) {
            return UNKNOWN_RACE;
        }
        try {
            final JsonNode race = Json.mapper().readTree(value).get("raceId");
            return race != null && race.isTextual() && !race.asText().isBlank() ? race.asText() : UNKNOWN_RACE;
        } catch (final IOException | RuntimeException e) {
            return UNKNOWN_RACE;
        }
    }
}
