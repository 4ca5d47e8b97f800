package io.racetracker.core.passings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PassingsReaderTest {

    private static List<PassingLine> read(final PassingsReader reader, final String... lines) {
        final List<PassingLine> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            out.add(reader.read(i + 1, lines[i]));
        }
        return out;
    }

    private static List<PassingLine> read(final String... lines) {
        return read(new PassingsReader(), lines);
    }

    @Test
    void genericHeaderWithBomSemicolonsAndReorderedColumns() {
        final List<PassingLine> lines = read("\uFEFFTime; Timing_Point ;CHIP;Reader;Seq",
                "09:00:01.25;START;101;R1;1",
                "09:20:00;5K;101;;2");
        assertInstanceOf(PassingLine.Skipped.class, lines.get(0));
        final Passing first = assertInstanceOf(Passing.class, lines.get(1));
        assertEquals("101", first.chip());
        assertEquals("START", first.timingPointId());
        assertEquals(LocalTime.of(9, 0, 1, 250_000_000), first.timeOfDay());
        assertEquals("R1", first.reader());
        assertEquals(1L, first.seq());
        final Passing second = assertInstanceOf(Passing.class, lines.get(2));
        assertNull(second.reader());
        assertEquals(3, second.line());
    }

    @Test
    void isoInstantsOffsetsAndLocalDateTimes() {
        final List<PassingLine> lines = read("chip,timing_point,time",
                "7,FINISH,2026-11-29T08:41:02.5Z",
                "7,FINISH,2026-11-29T09:41:02+01:00",
                "7,FINISH,2026-11-29T09:41:02");
        assertEquals(Instant.parse("2026-11-29T08:41:02.500Z"), ((Passing) lines.get(1)).instant());
        assertEquals(Instant.parse("2026-11-29T08:41:02Z"), ((Passing) lines.get(2)).instant());
        final Passing local = (Passing) lines.get(3);
        assertEquals(LocalDate.of(2026, 11, 29), local.date());
        assertEquals(LocalTime.of(9, 41, 2), local.timeOfDay());
    }

    @Test
    void brokenLinesAreProblemsAndNeverStopTheRest() {
        final List<PassingLine> lines = read("chip,timing_point,time,seq",
                "12,5K,09:1",
                "12,5K,25:00:00",
                "\"12,5K,09:10:00",
                ",5K,09:10:00",
                "12,5K,09:10:00,x",
                "12,5K",
                "",
                "# a comment",
                "chip,timing_point,time,seq",
                "12,5K,09:10:00,4");
        for (int i = 1; i <= 6; i++) {
            final LineProblem problem = assertInstanceOf(LineProblem.class, lines.get(i), "line " + (i + 1));
            assertEquals(i + 1, problem.line());
            assertTrue(!problem.reason().isBlank());
        }
        assertTrue(((LineProblem) lines.get(1)).reason().contains("09:1"));
        assertInstanceOf(PassingLine.Skipped.class, lines.get(7));
        assertInstanceOf(PassingLine.Skipped.class, lines.get(8));
        assertInstanceOf(PassingLine.Skipped.class, lines.get(9));
        assertEquals(4L, assertInstanceOf(Passing.class, lines.get(10)).seq());
    }

    @Test
    void aFileWithoutAHeaderIsReportedLineByLine() {
        final PassingsReader reader = new PassingsReader();
        final List<PassingLine> lines = read(reader, "12,5K,09:10:00", "garbage", "chip;timing_point;time",
                "12;5K;09:10:00");
        assertInstanceOf(LineProblem.class, lines.get(0));
        assertTrue(((LineProblem) lines.get(0)).reason().contains("chip, timing_point and time"));
        assertInstanceOf(LineProblem.class, lines.get(1));
        assertInstanceOf(Passing.class, lines.get(3));
        assertEquals(PassingsFormat.GENERIC_CSV, reader.format().orElseThrow());
    }

    @Test
    void quotedFieldsAreReadAsCsv() {
        final List<PassingLine> lines = read("chip,timing_point,time,reader", "\"A 1\",\"5K\",\"09:10:00,5\",\"mat, left\"");
        final Passing passing = assertInstanceOf(Passing.class, lines.get(1));
        assertEquals("A 1", passing.chip());
        assertEquals("mat, left", passing.reader());
        assertEquals(LocalTime.of(9, 10, 0, 500_000_000), passing.timeOfDay());
    }

    @Test
    void raceResultPassingRecordsAreToldFromTheFirstLine() {
        final PassingsReader reader = new PassingsReader(new PassingsReader.Options(null, Map.of("D-5001", "FINISH")));
        final List<PassingLine> lines = read(reader,
                "1;101;2026-11-29;09:00:01.234;17;12;27;;0;;;;;;;;START-MAT;3;;D-4711",
                "2;101;0000-00-00;09:40:12.004;17;8;25;;0;;;;;;;;;3;;D-5001",
                "3;102;;09:41:00.000;17;8;25;;0;;;;;;;;5K;3;;D-4712",
                "4;103;2026-11-29;9:4x:00.000;17;8;25",
                "5;104;2026-11-29;09:45:00.000;17;8;25");
        assertEquals(PassingsFormat.RACE_RESULT, reader.format().orElseThrow());
        final Passing first = assertInstanceOf(Passing.class, lines.get(0));
        assertEquals("101", first.chip());
        assertEquals("START-MAT", first.timingPointId());
        assertEquals("START-MAT", first.reader());
        assertEquals(LocalDate.of(2026, 11, 29), first.date());
        assertEquals(LocalTime.of(9, 0, 1, 234_000_000), first.timeOfDay());
        assertEquals(1L, first.seq());
        final Passing second = assertInstanceOf(Passing.class, lines.get(1));
        assertEquals("FINISH", second.timingPointId(), "mapped by box id");
        assertNull(second.date(), "a decoder without a date gives a time of day");
        assertEquals("5K", assertInstanceOf(Passing.class, lines.get(2)).timingPointId());
        assertInstanceOf(LineProblem.class, lines.get(3));
        assertTrue(assertInstanceOf(LineProblem.class, lines.get(4)).reason().contains("no box"),
                "an old record without box name needs a default timing point");
    }

    @Test
    void aDefaultTimingPointServesRecordsThatNameNoBox() {
        final PassingsReader reader = new PassingsReader(new PassingsReader.Options("5K", Map.of()));
        final Passing passing = assertInstanceOf(Passing.class, reader.read(1, "9;104;2026-11-29;09:45:00.000;17;8;25"));
        assertEquals("5K", passing.timingPointId());
        assertInstanceOf(LineProblem.class, reader.read(2, "10;104;2026-11-29;09:45"));
    }
}
