package io.racetracker.core.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.racetracker.core.event.Sex;
import io.racetracker.core.race.Courses;
import io.racetracker.core.race.RaceTime;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads a marathon results file ({@link ResultsFormat}), plain or gzip'd (told apart by content, not by name).
 * Fields are split by a CSV parser ({@link CsvRows}), so a quoted field may hold the delimiter. Columns are found by
 * their header names, so extra or reordered columns are fine. A row that cannot be used is skipped and reported as a
 * {@link RowProblem} naming its line and field; only a missing file, an unreadable one, text that is not CSV (a quote
 * never closed) or a header without the needed columns fails the whole read, with an {@link IllegalArgumentException}
 * that says which.
 */
public final class ResultsReader {
    private static final String[] MAT_LABELS = {"5K", "10K", "15K", "20K", "HALF", "25K", "30K", "35K", "40K"};
    private static final double[] MAT_DISTANCES_M = {5_000, 10_000, 15_000, 20_000, Courses.HALF_M, 25_000, 30_000,
        35_000, 40_000};
    private static final Pattern AGE_GROUP = Pattern.compile("^(\\d{1,3})\\s*(?:-\\s*(\\d{1,3})|\\+)$");

    private ResultsReader() {
    }

    /** Reads the whole file. */
    public static ResultsFile read(final Path file, final ResultsFormat format) {
        final List<RunnerResult> runners = new ArrayList<>();
        final List<RowProblem> problems = new ArrayList<>();
        try (CsvRows rows = CsvRows.of(open(file), format == ResultsFormat.BOSTON ? ',' : '|',
                // the majors files never quote; one of them has a stray quote in a city's name
                format == ResultsFormat.BOSTON)) {
            final CsvRows.Row header = rows.next();
            if (header == null) {
                throw new IllegalArgumentException(file + ": the file is empty; expected a " + describe(format) + " header");
            }
            final Columns columns = Columns.of(file, format, header.fields());
            CsvRows.Row row;
            while ((row = rows.next()) != null) {
                if (row.blank()) {
                    continue;
                }
                try {
                    runners.add(parseRow(format, columns, row.fields()));
                } catch (BadField bad) {
                    problems.add(new RowProblem(file, row.line(), bad.field, bad.getMessage()));
                }
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("results file not found: " + file, e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": line " + e.getLocation().getLineNr() + ": not readable as "
                    + describe(format) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read results file " + file + ": " + e.getMessage(), e);
        }
        return new ResultsFile(file, format, runners, problems);
    }

    private static BufferedReader open(final Path file) throws IOException {
        final InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        final int b1 = raw.read();
        final int b2 = raw.read();
        raw.reset();
        final InputStream in = b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    private static String describe(final ResultsFormat format) {
        return format == ResultsFormat.BOSTON
                ? "comma-separated bib,age,sex,5K,...,40K,finish"
                : "pipe-separated year|bib|age_group|gender|...|5k|...|40k|finish";
    }

    private static RunnerResult parseRow(final ResultsFormat format, final Columns columns, final List<String> row) {
        if (row.size() < columns.width) {
            throw new BadField("(row)", "expected " + columns.width + " fields, found " + row.size());
        }
        final String[] fields = row.toArray(new String[0]);
        final String bib = fields[columns.bib].trim();
        if (bib.isEmpty()) {
            throw new BadField(columns.names[columns.bib], "the bib is empty");
        }
        final Integer age = format == ResultsFormat.BOSTON
                ? parseAge(columns.names[columns.age], fields[columns.age])
                : ageFromGroup(fields[columns.age]);
        final Sex sex = parseSex(fields[columns.sex]);
        final List<MatTime> mats = new ArrayList<>(MAT_LABELS.length);
        long previous = 0;
        String previousLabel = "start";
        for (int i = 0; i < MAT_LABELS.length; i++) {
            final String name = columns.names[columns.mats[i]];
            final Long time = parseTime(format, name, fields[columns.mats[i]]);
            if (time != null) {
                if (time <= previous) {
                    throw new BadField(name, "time " + fields[columns.mats[i]].trim() + " is not after the time at "
                            + previousLabel);
                }
                previous = time;
                previousLabel = name;
            }
            mats.add(new MatTime(name, MAT_DISTANCES_M[i], time));
        }
        final String finishName = columns.names[columns.finish];
        final Long finish = parseTime(format, finishName, fields[columns.finish]);
        if (finish == null) {
            throw new BadField(finishName, "no finish time");
        }
        if (finish <= previous) {
            throw new BadField(finishName, "finish " + fields[columns.finish].trim() + " is not after the time at "
                    + previousLabel);
        }
        return new RunnerResult(bib, age, sex, mats, finish);
    }

    private static Long parseTime(final ResultsFormat format, final String field, final String raw) {
        final String text = raw.trim();
        if (format == ResultsFormat.BOSTON) {
            if (text.isEmpty() || text.equals("-")) {
                return null;
            }
            try {
                return RaceTime.parse(text);
            } catch (IllegalArgumentException e) {
                throw new BadField(field, "expected H:MM:SS or '-' for no read, got '" + text + "'");
            }
        }
        if (text.isEmpty() || text.equalsIgnoreCase("NaN")) {
            return null;
        }
        final double seconds;
        try {
            seconds = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new BadField(field, "expected seconds (e.g. 3366.0), 0.0 or NaN for no read, got '" + text + "'");
        }
        if (seconds == 0) {
            return null;
        }
        if (!(seconds > 0) || seconds > 86_400 * 2) {
            throw new BadField(field, "expected seconds between 0 and 172800, got '" + text + "'");
        }
        return Math.round(seconds * 1000);
    }

    private static Integer parseAge(final String field, final String raw) {
        final String text = raw.trim();
        if (text.isEmpty() || text.equals("-")) {
            return null;
        }
        try {
            final int age = Integer.parseInt(text);
            if (age < 5 || age > 110) {
                throw new BadField(field, "expected an age between 5 and 110, got " + age);
            }
            return age;
        } catch (NumberFormatException e) {
            throw new BadField(field, "expected a whole number of years, got '" + text + "'");
        }
    }

    /** The middle of a narrow age group ({@code 40-44}, {@code 70+}); null for wide or unknown groups. */
    static Integer ageFromGroup(final String raw) {
        final Matcher m = AGE_GROUP.matcher(raw.trim());
        if (!m.matches()) {
            return null;
        }
        final int low = Integer.parseInt(m.group(1));
        final int high = m.group(2) == null ? low + 4 : Integer.parseInt(m.group(2));
        if (high < low || high - low > 5 || low < 5 || high > 110) {
            return null;
        }
        return (low + high) / 2;
    }

    private static Sex parseSex(final String raw) {
        return Sex.parse(raw).orElse(Sex.X);
    }

    /** Where each needed column is, found by header name. */
    private record Columns(String[] names, int width, int bib, int age, int sex, int[] mats, int finish) {
        static Columns of(final Path file, final ResultsFormat format, final List<String> header) {
            final String[] names = header.toArray(new String[0]);
            for (int i = 0; i < names.length; i++) {
                names[i] = names[i].trim();
            }
            final boolean boston = format == ResultsFormat.BOSTON;
            final int[] mats = new int[MAT_LABELS.length];
            int width = 0;
            for (int i = 0; i < MAT_LABELS.length; i++) {
                mats[i] = find(file, format, names, MAT_LABELS[i]);
                width = Math.max(width, mats[i] + 1);
            }
            final int bib = find(file, format, names, "bib");
            final int age = find(file, format, names, boston ? "age" : "age_group");
            final int sex = find(file, format, names, boston ? "sex" : "gender");
            final int finish = find(file, format, names, "finish");
            width = Math.max(width, Math.max(Math.max(bib, age), Math.max(sex, finish)) + 1);
            return new Columns(names, width, bib, age, sex, mats, finish);
        }

        private static int find(final Path file, final ResultsFormat format, final String[] names, final String wanted) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equalsIgnoreCase(wanted)) {
                    return i;
                }
            }
            throw new IllegalArgumentException(file + ": line 1: no '" + wanted + "' column in the header; expected a "
                    + describe(format) + " header (is --format right?)");
        }
    }

    /** A field that makes its row unusable. */
    private static final class BadField extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String field;

        BadField(final String field, final String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }
}
