package io.racetracker.core.passings;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a timing system's passings file line by line, as a follower hands it lines while they are appended: the
 * first line tells the {@link PassingsFormat}, then each line becomes a {@link Passing}, a {@link LineProblem} or a
 * {@link PassingLine.Skipped} line. A broken line never stops the lines after it. Not thread-safe: one reader per
 * file, fed in file order.
 */
public final class PassingsReader {
    private static final char BOM = '\uFEFF';
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)
            .build();
    private static final Pattern TIME_OF_DAY = Pattern.compile("(\\d{1,2}):(\\d{2}):(\\d{2})(?:[.,](\\d{1,9}))?");
    private static final Pattern RACE_RESULT_LINE = Pattern.compile(
            "\\d+;[^;]*;(?:\\d{4}-\\d{2}-\\d{2})?;\\d{1,2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:;.*)?");
    private static final Pattern DECODER_DAY = Pattern.compile("0000-00-\\d{2}");

    /**
     * Settings for lines that do not name their mat.
     *
     * @param defaultTimingPoint  the mat of reads whose line names none (a RACE RESULT decoder's reads), or null
     * @param timingPointOfReader mats by reader: a RACE RESULT box name or box id, or the generic {@code reader}
     *                            column, to the timing point it serves
     */
    public record Options(String defaultTimingPoint, Map<String, String> timingPointOfReader) {
        public static final Options NONE = new Options(null, Map.of());

        public Options {
            timingPointOfReader = timingPointOfReader == null ? Map.of() : Map.copyOf(timingPointOfReader);
        }
    }

    private final Options options;
    private PassingsFormat format;
    private ObjectReader csvReader;
    private final Map<String, Integer> columns = new HashMap<>();
    private String headerLine;

    public PassingsReader() {
        this(Options.NONE);
    }

    public PassingsReader(final Options options) {
        this.options = options;
    }

    /** The format told by the first line that says it, empty before then. */
    public Optional<PassingsFormat> format() {
        return Optional.ofNullable(format);
    }

    /**
     * Reads the next line of the file.
     *
     * @param lineNumber 1-based line number
     * @param text       the line without its line ending
     */
    public PassingLine read(final long lineNumber, final String text) {
        String line = text == null ? "" : text;
        if (!line.isEmpty() && line.charAt(0) == BOM) {
            line = line.substring(1);
        }
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.isBlank()) {
            return new PassingLine.Skipped(lineNumber, line, "blank line");
        }
        if (line.stripLeading().startsWith("#")) {
            return new PassingLine.Skipped(lineNumber, line, "comment");
        }
        try {
            if (format == null) {
                return detect(lineNumber, line);
            }
            return format == PassingsFormat.GENERIC_CSV ? generic(lineNumber, line) : raceResult(lineNumber, line);
        } catch (final RuntimeException e) {
            // a reader of hostile input answers every line; nothing on one line may stop the next
            return new LineProblem(lineNumber, line, "cannot read the line: " + e.getMessage());
        }
    }

    private PassingLine detect(final long lineNumber, final String line) {
        if (RACE_RESULT_LINE.matcher(line).matches()) {
            format = PassingsFormat.RACE_RESULT;
            return raceResult(lineNumber, line);
        }
        if (header(line)) {
            format = PassingsFormat.GENERIC_CSV;
            return new PassingLine.Skipped(lineNumber, line, "header");
        }
        return new LineProblem(lineNumber, line, "not a passings header (expected the columns chip, timing_point and"
                + " time, delimited by ',' or ';') nor a RACE RESULT passing record (PassingNo;Bib;Date;Time;...)");
    }

    private boolean header(final String line) {
        final char delimiter = count(line, ';') > count(line, ',') ? ';' : ',';
        final ObjectReader reader = CSV.readerFor(String[].class)
                .with(CsvSchema.emptySchema().withColumnSeparator(delimiter));
        final String[] names;
        try {
            names = reader.readValue(line);
        } catch (final IOException e) {
            return false;
        }
        final Map<String, Integer> found = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            found.putIfAbsent(normalise(names[i]), i);
        }
        final boolean timingPointNeeded = options.defaultTimingPoint() == null;
        if (!found.containsKey("chip") || !found.containsKey("time")
                || timingPointNeeded && !found.containsKey("timingpoint")) {
            return false;
        }
        columns.clear();
        columns.putAll(found);
        csvReader = reader;
        headerLine = line;
        return true;
    }

    private static String normalise(final String name) {
        return name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "")
                .replace(" ", "");
    }

    private static int count(final String text, final char c) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    private PassingLine generic(final long lineNumber, final String line) {
        if (line.equals(headerLine)) {
            return new PassingLine.Skipped(lineNumber, line, "header repeated");
        }
        final String[] fields;
        try {
            fields = csvReader.readValue(line);
        } catch (final IOException e) {
            return new LineProblem(lineNumber, line, "not a CSV line: " + firstLine(e.getMessage()));
        }
        final String chip = field(fields, "chip");
        final String time = field(fields, "time");
        final String reader = field(fields, "reader");
        final String mat = field(fields, "timingpoint");
        if (chip == null || time == null) {
            return new LineProblem(lineNumber, line, "expected " + (columns.size()) + " fields as in the header, got "
                    + fields.length + (chip == null ? ": no chip" : ": no time"));
        }
        final String timingPoint = mat != null ? mat : timingPointOf(reader);
        if (timingPoint == null) {
            return new LineProblem(lineNumber, line, "no timing_point given");
        }
        final String seqText = field(fields, "seq");
        Long seq = null;
        if (seqText != null) {
            try {
                seq = Long.parseLong(seqText);
            } catch (final NumberFormatException e) {
                return new LineProblem(lineNumber, line, "seq '" + seqText + "' is not a whole number");
            }
        }
        return timed(lineNumber, line, chip, timingPoint, time, reader, seq);
    }

    private String field(final String[] fields, final String column) {
        final Integer at = columns.get(column);
        if (at == null || at >= fields.length) {
            return null;
        }
        final String value = fields[at].trim();
        return value.isEmpty() ? null : value;
    }

    private String timingPointOf(final String reader) {
        if (reader != null && options.timingPointOfReader().containsKey(reader)) {
            return options.timingPointOfReader().get(reader);
        }
        return options.defaultTimingPoint();
    }

    private static PassingLine timed(final long lineNumber, final String line, final String chip,
                                     final String timingPoint, final String time, final String reader, final Long seq) {
        final Matcher tod = TIME_OF_DAY.matcher(time);
        if (tod.matches()) {
            final LocalTime at = timeOfDay(tod);
            if (at == null) {
                return new LineProblem(lineNumber, line, "time '" + time + "' is not a time of day (HH:MM:SS, hours"
                        + " 0-23, minutes and seconds 0-59)");
            }
            return new Passing(lineNumber, line, chip, timingPoint, null, at, null, reader, seq);
        }
        try {
            return new Passing(lineNumber, line, chip, timingPoint, null, null,
                    OffsetDateTime.parse(time).toInstant(), reader, seq);
        } catch (final DateTimeParseException notOffset) {
            try {
                return new Passing(lineNumber, line, chip, timingPoint, null, null, Instant.parse(time), reader, seq);
            } catch (final DateTimeParseException notInstant) {
                try {
                    final LocalDateTime local = LocalDateTime.parse(time);
                    return new Passing(lineNumber, line, chip, timingPoint, local.toLocalDate(), local.toLocalTime(),
                            null, reader, seq);
                } catch (final DateTimeParseException notLocal) {
                    return new LineProblem(lineNumber, line, "time '" + time + "' is neither a time of day (HH:MM:SS"
                            + " with an optional fraction) nor an ISO-8601 instant (2026-11-29T08:01:02Z)");
                }
            }
        }
    }

    private static LocalTime timeOfDay(final Matcher m) {
        final int hours = Integer.parseInt(m.group(1));
        final int minutes = Integer.parseInt(m.group(2));
        final int seconds = Integer.parseInt(m.group(3));
        if (hours > 23 || minutes > 59 || seconds > 59) {
            return null;
        }
        final int nanos = m.group(4) == null ? 0 : Integer.parseInt((m.group(4) + "00000000").substring(0, 9));
        return LocalTime.of(hours, minutes, seconds, nanos);
    }

    private PassingLine raceResult(final long lineNumber, final String line) {
        if (!RACE_RESULT_LINE.matcher(line).matches()) {
            return new LineProblem(lineNumber, line, "not a RACE RESULT passing record"
                    + " (PassingNo;Bib/TranspCode;Date;Time;...; Time as hh:mm:ss.kkk)");
        }
        final String[] f = line.split(";", -1);
        final String chip = f[1].trim();
        if (chip.isEmpty()) {
            return new LineProblem(lineNumber, line, "no Bib/TranspCode");
        }
        final String boxName = f.length > 16 && !f[16].isBlank() ? f[16].trim() : null;
        final String boxId = f.length > 19 && !f[19].isBlank() ? f[19].trim() : null;
        final String reader = boxName != null ? boxName : boxId;
        String timingPoint = null;
        if (boxName != null) {
            timingPoint = options.timingPointOfReader().get(boxName);
        }
        if (timingPoint == null && boxId != null) {
            timingPoint = options.timingPointOfReader().get(boxId);
        }
        if (timingPoint == null) {
            timingPoint = options.defaultTimingPoint() != null ? options.defaultTimingPoint() : boxName;
        }
        if (timingPoint == null) {
            return new LineProblem(lineNumber, line, "the record names no box (BoxName) and no default timing point"
                    + " is set, so its mat is unknown");
        }
        final Matcher tod = TIME_OF_DAY.matcher(f[3].trim());
        final LocalTime at = tod.matches() ? timeOfDay(tod) : null;
        if (at == null) {
            return new LineProblem(lineNumber, line, "Time '" + f[3] + "' is not hh:mm:ss.kkk");
        }
        LocalDate date = null;
        final String dateText = f[2].trim();
        if (!dateText.isEmpty() && !DECODER_DAY.matcher(dateText).matches()) {
            try {
                date = LocalDate.parse(dateText);
            } catch (final DateTimeException e) {
                return new LineProblem(lineNumber, line, "Date '" + dateText + "' is not yyyy-MM-dd");
            }
        }
        return new Passing(lineNumber, line, chip, timingPoint, date, at, null, reader, Long.parseLong(f[0]));
    }

    private static String firstLine(final String message) {
        if (message == null) {
            return "unreadable";
        }
        final int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
