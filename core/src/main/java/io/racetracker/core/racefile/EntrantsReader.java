package io.racetracker.core.racefile;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Sex;
import io.racetracker.core.race.RaceTime;
import io.racetracker.core.results.CsvRows;
import io.racetracker.core.results.RowProblem;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads the entrants of a race from a CSV file as registration systems export it: RFC 4180 quoting, an optional
 * UTF-8 byte-order mark (Excel writes one), and {@code ,} or {@code ;} between fields (the latter where the decimal
 * separator is a comma), told apart by which one splits the header into more known columns.
 *
 * <p>Columns are found by header name, in any case and order; others are ignored. {@code bib} and {@code name} are
 * required; {@code id}, {@code chip}, {@code sex}, {@code age}, {@code category}, {@code country}, {@code target},
 * {@code wave} and {@code pacemaker} are optional. A row that cannot be an entrant (no bib or name, a bib, id or chip
 * already taken, a wave the race does not have) is rejected; a value that is merely wrong (an age of 300, a sex of
 * {@code ?}) is dropped with a warning and the entrant kept, as a tracker should follow a runner with a typo in the
 * age. Only a missing file or a header without bib or name fails the whole read.
 */
public final class EntrantsReader {
    private static final String BIB = "bib";
    private static final String NAME = "name";
    private static final String ID = "id";
    private static final String CHIP = "chip";
    private static final String SEX = "sex";
    private static final String AGE = "age";
    private static final String CATEGORY = "category";
    private static final String COUNTRY = "country";
    private static final String TARGET = "target";
    private static final String WAVE = "wave";
    private static final String PACEMAKER = "pacemaker";
    private static final List<String> COLUMNS = List.of(BIB, NAME, ID, CHIP, SEX, AGE, CATEGORY, COUNTRY, TARGET,
            WAVE, PACEMAKER);

    private EntrantsReader() {
    }

    /**
     * Reads every row of the file for the race.
     *
     * @throws IllegalArgumentException when the file is missing, empty, not UTF-8, not CSV, or its header lacks bib or
     *                                  name; the message names the file and line
     */
    public static Entrants read(final Path csv, final RaceFile race) {
        final String text = text(csv);
        final char separator = separator(text);
        try (CsvRows rows = CsvRows.of(new StringReader(text), separator)) {
            final CsvRows.Row header = rows.next();
            if (header == null || header.blank()) {
                throw new IllegalArgumentException(csv + ": line 1: no header; expected a first line naming the"
                        + " columns, at least bib and name");
            }
            final Reading reading = new Reading(csv, race, columns(csv, header));
            CsvRows.Row row;
            while ((row = rows.next()) != null) {
                if (!row.blank()) {
                    reading.row(row);
                }
            }
            return new Entrants(reading.athletes, reading.rejected, reading.warnings);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(csv + ": line " + e.getLocation().getLineNr() + ": not readable as CSV: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read entrants file " + csv + ": " + e.getMessage(), e);
        }
    }

    private static String text(final Path csv) {
        try {
            final String text = Files.readString(csv, StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("entrants file not found: " + csv, e);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(csv + ": not UTF-8 text; export the entrants as CSV in UTF-8", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read entrants file " + csv + ": " + e.getMessage(), e);
        }
    }

    /** {@code ;} when it splits the header line into more known columns than {@code ,} does, {@code ,} otherwise. */
    private static char separator(final String text) {
        final int end = text.indexOf('\n');
        final String headerLine = end < 0 ? text : text.substring(0, end);
        return knownColumns(headerLine, ';') > knownColumns(headerLine, ',') ? ';' : ',';
    }

    private static long knownColumns(final String headerLine, final char separator) {
        try (CsvRows rows = CsvRows.of(new StringReader(headerLine), separator)) {
            final CsvRows.Row row = rows.next();
            return row == null ? 0 : row.fields().stream().map(EntrantsReader::columnName).filter(COLUMNS::contains)
                    .distinct().count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String columnName(final String header) {
        return header.trim().toLowerCase(Locale.ROOT);
    }

    /** Known column name to its index; the first of two columns with one name wins. */
    private static Map<String, Integer> columns(final Path csv, final CsvRows.Row header) {
        final Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            final String name = columnName(header.fields().get(i));
            if (COLUMNS.contains(name)) {
                columns.putIfAbsent(name, i);
            }
        }
        final List<String> missing = List.of(BIB, NAME).stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(csv + ": line " + header.line() + ": no "
                    + missing.stream().map(c -> "'" + c + "'").collect(Collectors.joining(" or "))
                    + " column in the header; found columns: "
                    + header.fields().stream().map(String::trim).collect(Collectors.joining(", "))
                    + "; expected at least bib and name (optional: " + String.join(", ", COLUMNS.subList(2,
                    COLUMNS.size())) + ")");
        }
        return columns;
    }

    /** A row that cannot be an entrant. */
    private static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        private final String column;

        Rejected(final String column, final String reason) {
            super(reason, null, false, false);
            this.column = column;
        }
    }

    /** The state of one read: what was taken so far, for the duplicate checks. */
    private static final class Reading {
        private final Path csv;
        private final RaceFile race;
        private final Map<String, Integer> columns;
        private final List<Athlete> athletes = new ArrayList<>();
        private final List<RowProblem> rejected = new ArrayList<>();
        private final List<RowProblem> warnings = new ArrayList<>();
        private final Map<String, Long> bibs = new HashMap<>();
        private final Map<String, Long> ids = new HashMap<>();
        private final Map<String, Long> chips = new HashMap<>();

        Reading(final Path csv, final RaceFile race, final Map<String, Integer> columns) {
            this.csv = csv;
            this.race = race;
            this.columns = columns;
        }

        void row(final CsvRows.Row row) {
            final List<RowProblem> rowWarnings = new ArrayList<>();
            try {
                final Athlete athlete = athlete(row, rowWarnings);
                athletes.add(athlete);
                warnings.addAll(rowWarnings);
                bibs.put(athlete.bib(), row.line());
                ids.put(athlete.athleteId(), row.line());
                chips.put(athlete.chipOrBib(), row.line());
            } catch (Rejected e) {
                rejected.add(new RowProblem(csv, row.line(), e.column, e.getMessage()));
            }
        }

        private String value(final CsvRows.Row row, final String column) {
            final Integer index = columns.get(column);
            return index == null ? "" : row.get(index).trim();
        }

        private Athlete athlete(final CsvRows.Row row, final List<RowProblem> rowWarnings) throws Rejected {
            for (int i = 0; i < row.fields().size(); i++) {
                if (row.fields().get(i).indexOf('\n') >= 0 || row.fields().get(i).indexOf('\r') >= 0) {
                    final int index = i;
                    final String column = columns.entrySet().stream().filter(c -> c.getValue() == index)
                            .map(Map.Entry::getKey).findFirst().orElse("(row)");
                    throw new Rejected(column, "a line break inside a quoted field; expected one line per entrant");
                }
            }
            final String bib = value(row, BIB);
            if (bib.isEmpty()) {
                throw new Rejected(BIB, "the bib is empty; every entrant needs a race number");
            }
            final String name = value(row, NAME);
            if (name.isEmpty()) {
                throw new Rejected(NAME, "the name is empty; every entrant needs a name");
            }
            final String id = value(row, ID).isEmpty() ? bib : value(row, ID);
            final String chip = value(row, CHIP).isEmpty() ? bib : value(row, CHIP);
            taken(bibs, BIB, "bib", bib, "");
            taken(ids, ID, "athlete id", id, value(row, ID).isEmpty() ? " (the bib, as the row has no id)" : "");
            taken(chips, CHIP, "chip", chip, value(row, CHIP).isEmpty() ? " (the bib, as the row has no chip)" : "");
            final String wave = wave(bib, value(row, WAVE), row, rowWarnings);
            final String target = value(row, TARGET);
            return new Athlete(id, race.raceId(), bib, name, blankToNull(value(row, COUNTRY)),
                    sex(value(row, SEX), row, rowWarnings), blankToNull(value(row, CATEGORY)),
                    age(value(row, AGE), row, rowWarnings), target(target, row, rowWarnings),
                    pacemaker(value(row, PACEMAKER), row, rowWarnings), chip.equals(bib) ? null : chip, wave);
        }

        private void taken(final Map<String, Long> used, final String column, final String what, final String value,
                           final String note) throws Rejected {
            final Long line = used.get(value);
            if (line != null) {
                throw new Rejected(column, what + " " + value + note + " is already taken by the entrant on line "
                        + line + "; expected each " + what + " once");
            }
        }

        private String wave(final String bib, final String named, final CsvRows.Row row,
                            final List<RowProblem> rowWarnings) throws Rejected {
            final String known = race.waves().stream().map(RaceFile.WaveSpec::id).collect(Collectors.joining(", "));
            final Optional<RaceFile.WaveSpec> byBib = race.waveOfBib(bib);
            if (!named.isEmpty()) {
                if (race.waves().isEmpty()) {
                    throw new Rejected(WAVE, "wave '" + named + "' is not in the race file, which has no waves;"
                            + " expected the wave column empty");
                }
                if (race.wave(named).isEmpty()) {
                    throw new Rejected(WAVE, "wave '" + named + "' is not in the race file; expected one of " + known);
                }
                if (byBib.isPresent() && !byBib.get().id().equals(named)) {
                    rowWarnings.add(new RowProblem(csv, row.line(), WAVE, "bib " + bib + " is in the bib ranges of"
                            + " wave '" + byBib.get().id() + "' but the row names wave '" + named + "'; the row's wave"
                            + " is used"));
                }
                return named;
            }
            if (race.waves().isEmpty()) {
                return null;
            }
            if (byBib.isEmpty()) {
                throw new Rejected(WAVE, "bib " + bib + " is in no wave's bib ranges ("
                        + race.waves().stream().map(w -> w.id() + ": " + (w.bibs().isEmpty() ? "none" : w.bibs()))
                        .collect(Collectors.joining("; "))
                        + ") and the row names no wave; expected a wave column with one of " + known);
            }
            return byBib.get().id();
        }

        private Sex sex(final String text, final CsvRows.Row row, final List<RowProblem> rowWarnings) {
            return Sex.parse(text).orElseGet(() -> {
                rowWarnings.add(new RowProblem(csv, row.line(), SEX, "'" + text + "' is not a sex category;"
                        + " expected M, F or X (or male, female, man, woman, W); read as X"));
                return Sex.X;
            });
        }

        private Integer age(final String text, final CsvRows.Row row, final List<RowProblem> rowWarnings) {
            if (text.isEmpty()) {
                return null;
            }
            try {
                final int age = Integer.parseInt(text);
                if (age >= 5 && age <= 110) {
                    return age;
                }
            } catch (NumberFormatException e) {
                // reported below, as an age out of range is
            }
            rowWarnings.add(new RowProblem(csv, row.line(), AGE, "'" + text + "' is not an age; expected whole years"
                    + " between 5 and 110; left out"));
            return null;
        }

        private Long target(final String text, final CsvRows.Row row, final List<RowProblem> rowWarnings) {
            if (text.isEmpty()) {
                return null;
            }
            final String fallback = "; the race's target " + RaceTime.hms(race.targetMs()) + " is used";
            try {
                final long millis = RaceTime.parse(text);
                if (millis > 0) {
                    return millis;
                }
                rowWarnings.add(new RowProblem(csv, row.line(), TARGET, "'" + text + "' is no time at all; expected"
                        + " H:MM:SS above zero" + fallback));
            } catch (IllegalArgumentException e) {
                rowWarnings.add(new RowProblem(csv, row.line(), TARGET, e.getMessage() + fallback));
            }
            return null;
        }

        private boolean pacemaker(final String text, final CsvRows.Row row, final List<RowProblem> rowWarnings) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "y", "1", "x" -> true;
                case "false", "no", "n", "0", "" -> false;
                default -> {
                    rowWarnings.add(new RowProblem(csv, row.line(), PACEMAKER, "'" + text + "' is not yes or no;"
                            + " expected true, yes, 1 or x for a pacemaker; read as no"));
                    yield false;
                }
            };
        }

        private static String blankToNull(final String text) {
            return text.isEmpty() ? null : text;
        }
    }
}
