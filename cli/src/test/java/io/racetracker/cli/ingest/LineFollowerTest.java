package io.racetracker.cli.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineFollowerTest {

    private static void append(final Path file, final String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static List<String> texts(final List<LineFollower.Line> lines) {
        return lines.stream().map(LineFollower.Line::text).toList();
    }

    @Test
    void growthIsReadAsItComesAndAPartialLineWaitsForItsNewline(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("passings.csv");
        append(file, "chip,timing_point,time\r\n7,5K,09:20:00\n7,FIN");
        try (LineFollower follower = LineFollower.open(file)) {
            final List<LineFollower.Line> first = follower.poll(false);
            assertEquals(List.of("chip,timing_point,time", "7,5K,09:20:00"), texts(first));
            assertEquals(24, first.get(0).endOffset(), "CR LF counted in the offset, not in the text");
            assertTrue(follower.partialLine());
            assertEquals(List.of(), follower.poll(false));
            append(file, "ISH,09:40:00\n8,5K,");
            final List<LineFollower.Line> second = follower.poll(false);
            assertEquals(List.of("7,FINISH,09:40:00"), texts(second));
            assertEquals(3, second.get(0).number());
            assertEquals(Files.size(file) - "8,5K,".length(), follower.offset());
            assertFalse(follower.rotated());
            assertEquals(List.of("8,5K,"), texts(follower.poll(true)), "at the end of a complete file it counts");
        }
    }

    @Test
    void aNewFileAtThePathIsARotation(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("passings.csv");
        append(file, "a\nb\n");
        try (LineFollower follower = LineFollower.open(file)) {
            assertEquals(List.of("a", "b"), texts(follower.poll(false)));
            final String before = follower.fileKey();
            Files.move(file, dir.resolve("passings.csv.1"));
            assertFalse(follower.rotated(), "no file at the path yet: keep the old one");
            append(dir.resolve("passings.csv.1"), "c\n");
            append(file, "x\n");
            assertTrue(follower.rotated());
            assertEquals(List.of("c"), texts(follower.poll(true)), "the old file is read to its end first");
            follower.reopen();
            assertNotEquals(before, follower.fileKey());
            final List<LineFollower.Line> fresh = follower.poll(false);
            assertEquals(List.of("x"), texts(fresh));
            assertEquals(1, fresh.get(0).number());
        }
    }

    @Test
    void aFileThatShrankIsARotation(@TempDir final Path dir) throws IOException {
        final Path file = dir.resolve("passings.csv");
        append(file, "one\ntwo\nthree\n");
        try (LineFollower follower = LineFollower.open(file)) {
            assertEquals(3, follower.poll(false).size());
            Files.writeString(file, "new\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            assertTrue(follower.rotated());
            follower.reopen();
            assertEquals(List.of("new"), texts(follower.poll(false)));
        }
    }
}
