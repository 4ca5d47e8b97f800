package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Without a terminal, progress is plain lines a log can keep, never a bar redrawn with carriage returns. */
class ProgressTest {

    @Test
    void withoutATerminalProgressIsPlainLinesWithRateAndTimeLeft() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        final AtomicLong now = new AtomicLong();

        try (Progress progress = Progress.lines("race-splits", 100_000, "records", out, now::get, null)) {
            progress.stepTo(20_000);
            now.addAndGet(Duration.ofSeconds(10).toNanos());
            progress.printLine();
            progress.stepTo(40_000);
            now.addAndGet(Duration.ofSeconds(10).toNanos());
            progress.printLine();
            progress.stepTo(100_000);
            now.addAndGet(Duration.ofSeconds(30).toNanos());
        }

        final String text = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("\r"), "no carriage returns: " + text);
        assertEquals(List.of(
                "race-splits: 20,000/100,000 records (20%), 2,000 records/s, about 40s left",
                "race-splits: 40,000/100,000 records (40%), 2,000 records/s, about 30s left",
                "race-splits: 100,000 records in 50s"), text.lines().toList());
    }

    @Test
    void aCountPastTheTotalRaisesIt() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final AtomicLong now = new AtomicLong();
        try (Progress progress = Progress.lines("load", 10, null, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                now::get, null)) {
            progress.stepTo(12);
            now.addAndGet(Duration.ofMinutes(2).toNanos());
            progress.printLine();
        }
        assertEquals("load: 12/12 (100%), 0/s", bytes.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow());
    }

    @Test
    void linesComeByThemselvesEveryInterval() throws InterruptedException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress progress = Progress.lines("runners", 10, null, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                System::nanoTime, Duration.ofMillis(50))) {
            progress.step();
            Thread.sleep(300);
        }
        final List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.size() >= 3, "a line at least every interval, and the last: " + lines);
        assertTrue(lines.get(0).startsWith("runners: 1/10 (10%), "), lines.get(0));
    }

    @Test
    void quietCountsAndPrintsNothing() {
        try (Progress progress = Progress.start("fitting", 9, null, true)) {
            progress.step();
            progress.step();
            assertEquals(2, progress.done());
        }
    }

    @Test
    void hoursMinutesSeconds() {
        assertEquals("7s", Progress.hms(7));
        assertEquals("2m05s", Progress.hms(125));
        assertEquals("1h01m01s", Progress.hms(3661));
    }
}
