package io.racetracker.cli.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two facts {@code ingest} takes from a race file without reading it as a whole: its {@code raceId:} and the id
 * of its timing point at 0 m (its start mat), if any. The course itself comes from {@code race-courses}
 * ({@link CourseTopicRaceSource}).
 */
public final class RaceIdPeek {
    private static final Pattern RACE_ID = Pattern.compile(
            "^raceId\\s*:\\s*[\"']?([A-Za-z0-9][A-Za-z0-9._-]*)[\"']?\\s*(?:#.*)?$", Pattern.MULTILINE);
    /** A flow-style timing point at 0 m: {@code {id: START, distanceM: 0}}, in either order. */
    private static final Pattern FLOW_START = Pattern.compile(
            "\\{[^}]*?\\bid\\s*:\\s*[\"']?([A-Za-z0-9._-]+)[\"']?[^}]*?\\bdistanceM\\s*:\\s*0(?:\\.0+)?\\s*[,}]"
                    + "|\\{[^}]*?\\bdistanceM\\s*:\\s*0(?:\\.0+)?\\s*,[^}]*?\\bid\\s*:\\s*[\"']?([A-Za-z0-9._-]+)");
    /** A block-style one: {@code - id: START} with {@code distanceM: 0} on the next line. */
    private static final Pattern BLOCK_START = Pattern.compile(
            "-\\s+id\\s*:\\s*[\"']?([A-Za-z0-9._-]+)[\"']?\\s*\\n\\s+distanceM\\s*:\\s*0(?:\\.0+)?\\s*$",
            Pattern.MULTILINE);

    /**
     * @param raceId   the race's id
     * @param startMat the timing point at 0 m, when the race file has one
     */
    public record Peek(String raceId, Optional<String> startMat) {
    }

    private RaceIdPeek() {
    }

    /**
     * @throws IllegalArgumentException when the file is missing or names no race id
     */
    public static Peek of(final Path raceFile) {
        final String text;
        try {
            text = Files.readString(raceFile, StandardCharsets.UTF_8);
        } catch (final NoSuchFileException e) {
            throw new IllegalArgumentException("race file " + raceFile + " does not exist");
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read race file " + raceFile + ": " + e.getMessage(), e);
        }
        final Matcher id = RACE_ID.matcher(text);
        if (!id.find()) {
            throw new IllegalArgumentException("race file " + raceFile + " has no 'raceId:' line");
        }
        return new Peek(id.group(1), startMat(text));
    }

    static Optional<String> startMat(final String text) {
        final Matcher flow = FLOW_START.matcher(text);
        if (flow.find()) {
            return Optional.of(flow.group(1) != null ? flow.group(1) : flow.group(2));
        }
        final Matcher block = BLOCK_START.matcher(text);
        return block.find() ? Optional.of(block.group(1)) : Optional.empty();
    }
}
