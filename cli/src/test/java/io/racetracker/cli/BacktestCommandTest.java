package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./race-tracker backtest}: the CSV of the contract, the table, clear errors. */
class BacktestCommandTest {
    private static final String CONTRACT = "bib,split_km,elapsed_s,projected_finish_s,p10_s,p90_s,p_target,actual_finish_s";

    private static Path sample() throws URISyntaxException {
        return Path.of(BacktestCommandTest.class.getResource("/results/boston-2023-sample.csv.gz").toURI());
    }

    @Test
    void commandWritesTheContractCsvAndPrintsTheTable(@TempDir final Path dir) throws Exception {
        final Path out = dir.resolve("predictions.csv");
        final StringWriter err = new StringWriter();
        final CommandLine cli = RaceTrackerCli.commandLine();
        cli.setErr(new PrintWriter(err));

        final int code = cli.execute("backtest", "--results", sample().toString(), "--format", "boston",
                "--out", out.toString(), "--target", "3:30:00");

        assertEquals(0, code, err::toString);
        final List<String> lines = Files.readAllLines(out);
        assertTrue(lines.get(0).startsWith(CONTRACT), lines.get(0));
        assertTrue(lines.size() > 3000);
    }

    @Test
    void aWrongFormatIsOneClearLine(@TempDir final Path dir) throws IOException, URISyntaxException {
        final StringWriter err = new StringWriter();
        final CommandLine cli = RaceTrackerCli.commandLine();
        cli.setErr(new PrintWriter(err));

        final int code = cli.execute("backtest", "--results", sample().toString(), "--format", "majors",
                "--out", dir.resolve("p.csv").toString());

        assertEquals(1, code);
        assertTrue(err.toString().startsWith("race-tracker: "), err::toString);
        assertTrue(err.toString().contains("--format"), err::toString);
    }
}
