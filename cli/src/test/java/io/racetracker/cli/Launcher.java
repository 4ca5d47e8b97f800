package io.racetracker.cli;

import io.racetracker.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs the packaged {@code race-tracker.jar} as a user's shell would (a JVM of its own, launcher home set), with its
 * output captured to a file that tests can wait on.
 */
final class Launcher implements AutoCloseable {
    /**
     * The launched commands compile with C1 only: each lives for a test, seconds to a minute, most of it starting up,
     * and on a machine of two cores the optimizing compiler's threads take the CPU the others need. The streams app
     * keeps the optimizing compiler, and so does the broker's own JVM (which the broker command starts): they work
     * through whole races, in transactions that must commit, or be aborted, well within their timeouts. No test
     * asserts a speed.
     */
    private static final String TEST_JIT = "-XX:TieredStopAtLevel=1";

    final Process process;
    final Path output;

    private Launcher(final Process process, final Path output) {
        this.process = process;
        this.output = output;
    }

    static Path home() {
        return Path.of(System.getProperty("race.tracker.home", "..")).toAbsolutePath().normalize();
    }

    static Launcher start(final Path outputDir, final String name, final String... args) throws IOException {
        final Path jar = home().resolve("cli/target/race-tracker.jar");
        final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        if (args.length == 0 || !args[0].equals("streams")) {
            command.add(TEST_JIT);
        }
        command.addAll(List.of("-Drace.tracker.home=" + home(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        final Path output = outputDir.resolve(name + ".log");
        final ProcessBuilder builder = new ProcessBuilder(command);
        final Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        return new Launcher(process, output);
    }

    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    /** Waits until the output satisfies the condition, failing at the deadline or if the process dies first. */
    void awaitOutput(final Predicate<String> condition, final Duration timeout) throws IOException, InterruptedException {
        // a process that exits cannot print it any more: give up at once, not at the deadline
        final String seen = Await.until(this::outputNow, out -> condition.test(out) || !process.isAlive(), timeout,
                out -> "no expected output:\n" + out);
        if (!condition.test(seen) && !condition.test(output())) {
            throw new AssertionError("exited with " + process.exitValue() + " before the expected output:\n" + output());
        }
    }

    /** The last lines each launcher printed, under its name, for a failure's message. */
    static String tails(final int lines, final Launcher... launchers) {
        final StringBuilder text = new StringBuilder();
        for (final Launcher launcher : launchers) {
            final List<String> all = launcher.outputNow().lines().toList();
            text.append("--- ").append(launcher.output.getFileName()).append(", last ").append(lines).append(" lines\n");
            all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> text.append(l).append('\n'));
        }
        return text.toString();
    }

    private String outputNow() {
        try {
            return output();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int awaitExit(final Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError("still running after " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    /** Stops as Ctrl-C would (SIGTERM runs the shutdown hooks). */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
