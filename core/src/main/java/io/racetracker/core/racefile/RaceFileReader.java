package io.racetracker.core.racefile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.racetracker.core.event.TimingPoint;
import io.racetracker.core.event.Units;
import io.racetracker.core.race.RaceTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a race file: YAML, or JSON with the same fields (a {@code .json} file, or one that starts with
 * <code>{"</code>). The file is read with Jackson's streaming parser, which gives every value's line, and then
 * checked as a whole, so that a race director gets every mistake at once, each with its line and field, rather than
 * one stack trace per attempt.
 */
public final class RaceFileReader {
    private static final List<String> FIELDS = List.of("raceId", "name", "timeZone", "date", "distanceM", "units",
            "target", "courseRecord", "lapLengthM", "start", "waves", "timingPoints");
    private static final List<String> WAVE_FIELDS = List.of("id", "start", "bibs");
    private static final List<String> POINT_FIELDS = List.of("id", "distanceM", "label", "lap");
    private static final Pattern RACE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern TIME_OF_DAY = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?");
    private static final Pattern LOOKS_LIKE_JSON = Pattern.compile("\\A\\s*\\{\\s*\"");
    private static final JsonFactory JSON = new JsonFactory();
    private static final YAMLFactory YAML = new YAMLFactory();

    private RaceFileReader() {
    }

    /**
     * Reads and checks a race file.
     *
     * @throws RaceFileException        listing every problem found, each with its line and field
     * @throws IllegalArgumentException when the file does not exist
     * @throws UncheckedIOException     when it cannot be read
     */
    public static RaceFile read(final Path file) {
        final Problems problems = new Problems(file);
        return check(file, text(file, problems), problems);
    }

    /**
     * Reads and checks a race file's text that does not come from a file of its own (a race shipped inside the
     * application); {@code name} is what problems name as the file.
     *
     * @throws RaceFileException listing every problem found, each with its line and field
     */
    public static RaceFile read(final Path name, final String text) {
        return check(name, text.startsWith("\uFEFF") ? text.substring(1) : text, new Problems(name));
    }

    private static RaceFile check(final Path file, final String text, final Problems problems) {
        final Tree tree = text == null ? null : parse(file, text, problems);
        final RaceFile race = tree == null ? null : new Checker(tree, problems).raceFile();
        if (race != null && problems.isEmpty()) {
            try {
                race.course();
            } catch (IllegalArgumentException e) {
                // every rule of Course is checked above with its line; this is the net under them
                problems.add(1, "(course)", e.getMessage());
            }
        }
        if (!problems.isEmpty() || race == null) {
            throw problems.exception();
        }
        return race;
    }

    private static String text(final Path file, final Problems problems) {
        try {
            final String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("race file not found: " + file, e);
        } catch (CharacterCodingException e) {
            problems.add(1, "(file)", "not UTF-8 text; save the race file as UTF-8");
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read race file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file as a tree, with the line of every value and key. */
    private record Tree(JsonNode root, Map<JsonPointer, Long> lines) {
        /** The line of a value, or of the nearest enclosing one that is in the file. */
        long line(final JsonPointer pointer) {
            for (JsonPointer p = pointer; p != null; p = p.head()) {
                final Long line = lines.get(p);
                if (line != null) {
                    return line;
                }
            }
            return 1;
        }
    }

    private static Tree parse(final Path file, final String text, final Problems problems) {
        final boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
                || LOOKS_LIKE_JSON.matcher(text).lookingAt();
        final Map<JsonPointer, Long> lines = new HashMap<>();
        try (JsonParser parser = (json ? JSON : YAML).createParser(text)) {
            final JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(1, "(file)", "the file is empty; expected fields such as raceId, timeZone, date,"
                        + " distanceM, target and timingPoints");
                return null;
            }
            final JsonNode root = value(parser, first, At.ROOT, lines, problems);
            if (parser.nextToken() != null) {
                problems.add(parser.currentTokenLocation().getLineNr(), "(file)",
                        "more after the end of the race's fields; expected one race per file");
            }
            return new Tree(root, lines);
        } catch (JsonProcessingException e) {
            syntaxError(json, e, problems);
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read race file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void syntaxError(final boolean json, final JsonProcessingException e, final Problems problems) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
                final String context = yaml.getContext() == null ? "" : yaml.getContext().trim() + ": ";
                problems.add(yaml.getProblemMark().getLine() + 1L, "(syntax)",
                        "not valid YAML: " + context + yaml.getProblem().trim());
                return;
            }
        }
        final String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        final long line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
        problems.add(line, "(syntax)", "not valid " + (json ? "JSON" : "YAML") + ": " + message.lines().findFirst()
                .orElse(message));
    }

    /** The value at the parser's current token, recording where it and everything in it are. */
    private static JsonNode value(final JsonParser parser, final JsonToken token, final At at,
                                  final Map<JsonPointer, Long> lines, final Problems problems) throws IOException {
        lines.putIfAbsent(parser.getParsingContext().pathAsPointer(), (long) parser.currentTokenLocation().getLineNr());
        final JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (token) {
            case START_OBJECT -> {
                final ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    final String name = parser.currentName();
                    final JsonPointer key = parser.getParsingContext().pathAsPointer();
                    final long keyLine = parser.currentTokenLocation().getLineNr();
                    final Long earlier = lines.get(key);
                    lines.putIfAbsent(key, keyLine);
                    final JsonNode child = value(parser, parser.nextToken(), at.field(name), lines, problems);
                    if (object.has(name)) {
                        problems.add(keyLine, at.field(name).label(), "appears twice in the same mapping (first on line "
                                + earlier + "); give each field once");
                    } else {
                        object.set(name, child);
                    }
                }
                return object;
            }
            case START_ARRAY -> {
                final ArrayNode array = nodes.arrayNode();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(value(parser, next, at.index(array.size()), lines, problems));
                }
                return array;
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> nodes.numberNode(parser.getIntValue());
                    case LONG -> nodes.numberNode(parser.getLongValue());
                    default -> nodes.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return nodes.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return nodes.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            default -> {
                return nodes.textNode(parser.getText());
            }
        }
    }

    /** A place in the file: its JSON pointer, for the line, and its name as people read it ({@code waves[1].bibs}). */
    private record At(JsonPointer pointer, String label) {
        static final At ROOT = new At(JsonPointer.empty(), "");

        At field(final String name) {
            return new At(pointer.appendProperty(name), label.isEmpty() ? name : label + "." + name);
        }

        At index(final int index) {
            return new At(pointer.appendIndex(index), label + "[" + index + "]");
        }

        String shown() {
            return label.isEmpty() ? "(file)" : label;
        }
    }

    /** Every problem of one file; reported sorted by line. */
    private static final class Problems {
        private final Path file;
        private final List<FileProblem> found = new ArrayList<>();

        Problems(final Path file) {
            this.file = file;
        }

        void add(final long line, final String field, final String reason) {
            found.add(new FileProblem(file, line, field, reason));
        }

        boolean isEmpty() {
            return found.isEmpty();
        }

        RaceFileException exception() {
            return new RaceFileException(found.stream().sorted(Comparator.comparingLong(FileProblem::line)).toList());
        }
    }

    /** The checks of every field, each adding a problem and going on, so that one read reports all of them. */
    private static final class Checker {
        private final Tree tree;
        private final Problems problems;

        Checker(final Tree tree, final Problems problems) {
            this.tree = tree;
            this.problems = problems;
        }

        private void problem(final At at, final String reason) {
            problems.add(tree.line(at.pointer()), at.shown(), reason);
        }

        RaceFile raceFile() {
            if (!(tree.root() instanceof ObjectNode root)) {
                problem(At.ROOT, "expected the race's fields (raceId: ..., timeZone: ..., and so on), found "
                        + kind(tree.root()));
                return null;
            }
            knownFields(root, At.ROOT, FIELDS);
            final String raceId = raceId(root);
            final String name = optionalText(root, At.ROOT.field("name"), "the race's name as people read it");
            final ZoneId zone = timeZone(root);
            final LocalDate date = date(root);
            final Double distanceM = metres(root, At.ROOT.field("distanceM"), true,
                    "the course distance in metres, e.g. 42195");
            final Units units = units(root);
            final Long targetMs = duration(root, At.ROOT.field("target"), true);
            final Long recordMs = duration(root, At.ROOT.field("courseRecord"), false);
            final Double lapLengthM = metres(root, At.ROOT.field("lapLengthM"), false,
                    "the length of one lap in metres, e.g. 2400");
            if (lapLengthM != null && distanceM != null && lapLengthM > distanceM) {
                problem(At.ROOT.field("lapLengthM"), "a lap of " + number(lapLengthM) + " m is longer than the course ("
                        + number(distanceM) + " m); expected at most distanceM");
            }
            final At startAt = At.ROOT.field("start");
            final LocalTime start = timeOfDay(present(root, startAt), startAt);
            final List<RaceFile.WaveSpec> waves = waves(root);
            if (start != null && waves != null && !waves.isEmpty()) {
                final LocalTime first = waves.stream().map(RaceFile.WaveSpec::start).min(Comparator.naturalOrder())
                        .orElseThrow();
                if (!first.equals(start)) {
                    problem(startAt, "start " + start + " differs from the first wave's gun time " + first
                            + "; with waves, leave start out or make it the first wave's time");
                }
            }
            final List<TimingPoint> points = timingPoints(root, distanceM);
            if (!problems.isEmpty()) {
                return null;
            }
            return new RaceFile(problems.file, raceId, name, zone, date, distanceM, units, targetMs, recordMs,
                    lapLengthM, start, waves, points);
        }

        private void knownFields(final ObjectNode object, final At at, final List<String> known) {
            for (final Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                final String name = names.next();
                if (!known.contains(name)) {
                    final String guess = closest(name, known);
                    problem(at.field(name), "unknown field" + (guess == null ? "" : " (did you mean " + guess + "?)")
                            + "; expected one of " + String.join(", ", known));
                }
            }
        }

        private String raceId(final ObjectNode root) {
            final At at = At.ROOT.field("raceId");
            final String expected = "1-64 letters, digits, '.', '_' or '-', starting with a letter or digit,"
                    + " e.g. riverside-10k-2026";
            final String id = requiredText(root, at, expected);
            if (id != null && !RACE_ID.matcher(id).matches()) {
                problem(at, "'" + id + "' is not a race id; expected " + expected);
                return null;
            }
            return id;
        }

        private ZoneId timeZone(final ObjectNode root) {
            final At at = At.ROOT.field("timeZone");
            final String expected = "an IANA time zone such as Europe/Vienna or America/New_York";
            final String zone = requiredText(root, at, expected);
            if (zone == null) {
                return null;
            }
            if (!ZoneId.getAvailableZoneIds().contains(zone)) {
                problem(at, "'" + zone + "' is not a time zone; expected " + expected
                        + " (a region, so that clock changes are right; not an offset)");
                return null;
            }
            try {
                return ZoneId.of(zone);
            } catch (DateTimeException e) {
                problem(at, "'" + zone + "' is not a time zone; expected " + expected);
                return null;
            }
        }

        private LocalDate date(final ObjectNode root) {
            final At at = At.ROOT.field("date");
            final String text = requiredText(root, at, "race day as yyyy-mm-dd, e.g. 2026-11-29");
            if (text == null) {
                return null;
            }
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                problem(at, "'" + text + "' is not a date; expected race day as yyyy-mm-dd, e.g. 2026-11-29");
                return null;
            }
        }

        private Units units(final ObjectNode root) {
            final At at = At.ROOT.field("units");
            final String text = optionalText(root, at, "km or mi");
            if (text == null) {
                return Units.KM;
            }
            try {
                return Units.of(text);
            } catch (IllegalArgumentException e) {
                problem(at, "'" + text + "' is not a unit; expected km or mi");
                return null;
            }
        }

        /** A duration as H:MM:SS, above zero. */
        private Long duration(final ObjectNode root, final At at, final boolean required) {
            final String expected = "a time as H:MM:SS in quotes, e.g. \"2:59:00\"";
            final String text = required ? requiredText(root, at, expected) : optionalText(root, at, expected);
            if (text == null) {
                return null;
            }
            final long millis;
            try {
                millis = RaceTime.parse(text);
            } catch (IllegalArgumentException e) {
                problem(at, e.getMessage());
                return null;
            }
            if (millis <= 0) {
                problem(at, "'" + text + "' is no time at all; expected a time above zero as H:MM:SS in quotes,"
                        + " e.g. \"2:59:00\"");
                return null;
            }
            return millis;
        }

        private List<RaceFile.WaveSpec> waves(final ObjectNode root) {
            final At at = At.ROOT.field("waves");
            final JsonNode node = present(root, at);
            if (node == null) {
                return List.of();
            }
            if (!(node instanceof ArrayNode list)) {
                problem(at, "expected a list of waves such as - {id: A, start: \"09:00\", bibs: \"1-499\"}, found "
                        + kind(node));
                return null;
            }
            final List<RaceFile.WaveSpec> waves = new ArrayList<>();
            final Map<String, At> ids = new HashMap<>();
            final List<Placed> placed = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < list.size(); i++) {
                final At waveAt = at.index(i);
                if (!(list.get(i) instanceof ObjectNode wave)) {
                    problem(waveAt, "expected a wave such as {id: A, start: \"09:00\", bibs: \"1-499\"}, found "
                            + kind(list.get(i)));
                    ok = false;
                    continue;
                }
                knownFields(wave, waveAt, WAVE_FIELDS);
                final At idAt = waveAt.field("id");
                final String id = requiredText(wave, idAt, "the wave's name, e.g. A");
                if (id != null && ids.containsKey(id)) {
                    problem(idAt, "wave '" + id + "' is already defined at " + ids.get(id).label() + " (line "
                            + tree.line(ids.get(id).pointer()) + "); expected each wave id once");
                    ok = false;
                } else if (id != null) {
                    ids.put(id, waveAt);
                }
                final At startAt = waveAt.field("start");
                final JsonNode startNode = present(wave, startAt);
                if (startNode == null) {
                    problem(startAt, "missing; expected the wave's gun time of day as HH:MM or HH:MM:SS, e.g. \"09:15\"");
                }
                final LocalTime start = timeOfDay(startNode, startAt);
                final At bibsAt = waveAt.field("bibs");
                final String bibsText = optionalText(wave, bibsAt, "bib numbers and ranges such as \"1-499, 2001-2050\"");
                BibRanges bibs = BibRanges.none();
                try {
                    bibs = BibRanges.parse(bibsText);
                } catch (IllegalArgumentException e) {
                    problem(bibsAt, e.getMessage());
                    ok = false;
                }
                final String name = id == null ? waveAt.label() : "wave '" + id + "'";
                for (final Placed earlier : placed) {
                    final OptionalLong shared = bibs.firstShared(earlier.bibs());
                    if (shared.isPresent()) {
                        problem(bibsAt, "bibs " + bibs + " of " + name + " overlap bibs " + earlier.bibs() + " of "
                                + earlier.name() + " (" + earlier.at().label() + ", line "
                                + tree.line(earlier.at().pointer()) + "), e.g. at bib " + shared.getAsLong()
                                + "; expected each bib in one wave only");
                        ok = false;
                    }
                }
                placed.add(new Placed(name, bibs, waveAt));
                if (id == null || start == null) {
                    ok = false;
                } else {
                    waves.add(new RaceFile.WaveSpec(id, start, bibs));
                }
            }
            return ok ? waves : null;
        }

        /** A wave as far as it could be read, for the overlap check. */
        private record Placed(String name, BibRanges bibs, At at) {
        }

        private List<TimingPoint> timingPoints(final ObjectNode root, final Double distanceM) {
            final At at = At.ROOT.field("timingPoints");
            final String example = "- {id: FINISH, distanceM: 42195}";
            final JsonNode node = present(root, at);
            if (node == null) {
                problem(at, "missing; expected a list of timing points in course order ending with the finish,"
                        + " e.g. " + example);
                return null;
            }
            if (!(node instanceof ArrayNode list) || list.isEmpty()) {
                problem(at, "expected a list of timing points in course order ending with the finish, e.g. " + example
                        + "; found " + kind(node));
                return null;
            }
            final List<TimingPoint> points = new ArrayList<>();
            final Map<String, At> crossings = new HashMap<>();
            At previousAt = null;
            TimingPoint previous = null;
            boolean ok = true;
            for (int i = 0; i < list.size(); i++) {
                final At pointAt = at.index(i);
                if (!(list.get(i) instanceof ObjectNode point)) {
                    problem(pointAt, "expected a timing point such as {id: 5K, distanceM: 5000}, found "
                            + kind(list.get(i)));
                    ok = false;
                    continue;
                }
                knownFields(point, pointAt, POINT_FIELDS);
                final At idAt = pointAt.field("id");
                final String id = requiredText(point, idAt, "the mat's id, e.g. 5K or FINISH");
                final String label = optionalText(point, pointAt.field("label"), "what a person reads, e.g. \"5 km\"");
                final At distanceAt = pointAt.field("distanceM");
                final Double metres = metresFromStart(point, distanceAt, distanceM);
                final Integer lap = lap(point, pointAt.field("lap"));
                if (id == null || metres == null || lap != null && lap < 1) {
                    ok = false;
                    continue;
                }
                final TimingPoint crossing = new TimingPoint(id, label, metres, lap);
                final boolean isStart = RaceFile.isStart(crossing);
                if (crossings.containsKey(crossing.crossingId())) {
                    final At first = crossings.get(crossing.crossingId());
                    problem(idAt, "crossing '" + crossing.crossingId() + "' is already at " + first.label() + " (line "
                            + tree.line(first.pointer()) + "); expected each mat once per lap (give laps as lap: 1,"
                            + " lap: 2, ...)");
                    ok = false;
                } else {
                    crossings.put(crossing.crossingId(), pointAt);
                }
                if (isStart && i > 0) {
                    problem(idAt, "START must be the first timing point, found at position " + (i + 1));
                    ok = false;
                }
                if (isStart && metres != 0) {
                    problem(distanceAt, "START is the start line, at 0 m, not " + number(metres) + " m");
                    ok = false;
                } else if (!isStart && metres == 0) {
                    problem(distanceAt, "'" + id + "' at 0 m is on the start line; call it START (no reads come from"
                            + " it) or give its distance from the start");
                    ok = false;
                }
                if (previous != null && metres <= previous.distanceM()) {
                    problem(distanceAt, "'" + crossing.crossingId() + "' at " + number(metres) + " m comes after '"
                            + previous.crossingId() + "' at " + number(previous.distanceM()) + " m (" + previousAt.label()
                            + ", line " + tree.line(previousAt.pointer()) + "); expected timing points in course order,"
                            + " each further from the start");
                    ok = false;
                }
                if (i == list.size() - 1 && distanceM != null && metres != distanceM.doubleValue()) {
                    problem(distanceAt, "the last timing point is the finish and must be at distanceM "
                            + number(distanceM) + " m, but '" + crossing.crossingId() + "' is at " + number(metres)
                            + " m; add the finish, e.g. - {id: FINISH, distanceM: " + number(distanceM) + "}");
                    ok = false;
                }
                points.add(crossing);
                previous = crossing;
                previousAt = pointAt;
            }
            return ok ? points : null;
        }

        private Double metresFromStart(final ObjectNode point, final At at, final Double distanceM) {
            final JsonNode node = present(point, at);
            if (node == null) {
                problem(at, "missing; expected metres from the start, e.g. 5000");
                return null;
            }
            if (!node.isNumber() || !Double.isFinite(node.asDouble()) || node.asDouble() < 0) {
                problem(at, "expected metres from the start, a number >= 0, e.g. 5000; found " + kind(node));
                return null;
            }
            final double metres = node.asDouble();
            if (distanceM != null && metres > distanceM) {
                problem(at, number(metres) + " m lies beyond the finish; expected at most distanceM "
                        + number(distanceM) + " m");
                return null;
            }
            return metres;
        }

        private Integer lap(final ObjectNode point, final At at) {
            final JsonNode node = present(point, at);
            if (node == null) {
                return null;
            }
            if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1) {
                problem(at, "expected a lap number, a whole number >= 1; found " + kind(node));
                return 0;
            }
            return node.asInt();
        }

        /** A number of metres above zero. */
        private Double metres(final ObjectNode object, final At at, final boolean required, final String expected) {
            final JsonNode node = present(object, at);
            if (node == null) {
                if (required) {
                    problem(at, "missing; expected " + expected);
                }
                return null;
            }
            if (!node.isNumber() || !Double.isFinite(node.asDouble()) || node.asDouble() <= 0) {
                problem(at, "expected " + expected + " (a number above 0); found " + kind(node));
                return null;
            }
            return node.asDouble();
        }

        /** A time of day, HH:MM or HH:MM:SS with an optional fraction. */
        private LocalTime timeOfDay(final JsonNode node, final At at) {
            if (node == null) {
                return null;
            }
            final String expected = "a time of day as HH:MM or HH:MM:SS in quotes, e.g. \"09:15\" or \"09:15:30\"";
            final Matcher m = node.isValueNode() ? TIME_OF_DAY.matcher(node.asText().trim()) : null;
            if (m == null || !m.matches()) {
                problem(at, "expected " + expected + "; found " + kind(node));
                return null;
            }
            final int hour = Integer.parseInt(m.group(1));
            final int minute = Integer.parseInt(m.group(2));
            final int second = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            final int nanos = m.group(4) == null ? 0 : Integer.parseInt((m.group(4) + "00000000").substring(0, 9));
            if (hour > 23 || minute > 59 || second > 59) {
                problem(at, "'" + node.asText() + "' is not a time of day; expected " + expected);
                return null;
            }
            return LocalTime.of(hour, minute, second, nanos);
        }

        private String requiredText(final ObjectNode object, final At at, final String expected) {
            final JsonNode node = present(object, at);
            if (node == null) {
                problem(at, "missing; expected " + expected);
                return null;
            }
            return text(node, at, expected);
        }

        private String optionalText(final ObjectNode object, final At at, final String expected) {
            final JsonNode node = present(object, at);
            return node == null ? null : text(node, at, expected);
        }

        private String text(final JsonNode node, final At at, final String expected) {
            if (!node.isValueNode() || node.asText().isBlank()) {
                problem(at, "expected " + expected + "; found " + kind(node));
                return null;
            }
            return node.asText().trim();
        }

        /** The field's value; null when it is missing or written empty. */
        private static JsonNode present(final ObjectNode object, final At at) {
            final JsonNode node = object.get(at.pointer().last().getMatchingProperty());
            return node == null || node.isNull() ? null : node;
        }

        private static String kind(final JsonNode node) {
            if (node == null || node.isNull()) {
                return "nothing";
            }
            if (node.isArray()) {
                return node.isEmpty() ? "an empty list" : "a list";
            }
            if (node.isObject()) {
                return "a mapping";
            }
            if (node.isTextual() && node.asText().isBlank()) {
                return "empty text";
            }
            return "'" + node.asText() + "'";
        }

        private static String number(final double value) {
            return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        }

        /** The known field a typo most likely meant: at most two edits away, ignoring case. */
        private static String closest(final String name, final List<String> known) {
            String best = null;
            int bestDistance = 3;
            for (final String candidate : known) {
                final int distance = editDistance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
                if (distance < bestDistance) {
                    best = candidate;
                    bestDistance = distance;
                }
            }
            return best;
        }

        private static int editDistance(final String a, final String b) {
            int[] row = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) {
                row[j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                final int[] next = new int[b.length() + 1];
                next[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    final int substitute = row[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                    next[j] = Math.min(substitute, Math.min(row[j], next[j - 1]) + 1);
                }
                row = next;
            }
            return row[b.length()];
        }
    }
}
