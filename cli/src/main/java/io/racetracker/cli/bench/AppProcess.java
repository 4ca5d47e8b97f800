package io.racetracker.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** The benchmark's handle on a {@link BenchApp} child JVM: start it, ask for its memory and writes, stop it. */
final class AppProcess implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final Path log;
    private double warmupSeconds;

    /** Memory of the app: heap in bytes, resident set in kB as /proc reports it. */
    record Memory(long heapUsedBytes, long heapPeakAfterGcBytes, long heapMaxBytes, long rssKb, long rssPeakKb) {
    }

    private AppProcess(final Process process, final Path log) {
        this.process = process;
        this.log = log;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    /**
     * Starts the app and waits until Kafka Streams reports it running.
     *
     * @param mode      {@code tracker} or {@code pass-through}
     * @param jvmOptions options of the child JVM (heap, a flight recording)
     */
    static AppProcess start(final String mode, final Properties config, final List<String> extraArgs,
                            final List<String> jvmOptions, final Path workDir) throws IOException {
        final Path props = workDir.resolve(config.getProperty("application.id") + ".properties");
        try (Writer w = Files.newBufferedWriter(props, StandardCharsets.UTF_8)) {
            config.store(w, "benchmark phase");
        }
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchApp.class.getName(), mode, props.toString()));
        command.addAll(extraArgs);
        final Path log = workDir.resolve(config.getProperty("application.id") + ".log");
        final Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        final AppProcess app = new AppProcess(process, log);
        String first = app.out.readLine();
        while (first != null && (first.startsWith("[") || first.startsWith("warmed "))) {
            if (first.startsWith("warmed ")) {
                app.warmupSeconds = Double.parseDouble(first.split(" ")[1]);
            }
            first = app.out.readLine();
        }
        if (!"running".equals(first)) {
            app.close();
            throw new IllegalStateException("the " + mode + " app did not start (" + first + "); see " + log);
        }
        return app;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** How long the app warmed up before it ran for measurement, in seconds. */
    double warmupSeconds() {
        return warmupSeconds;
    }

    /** Bytes the app's threads allocated on the heap since it was running. */
    long allocatedBytes() throws IOException {
        return Long.parseLong(ask("allocated").split(" ")[1]);
    }

    /** Collects garbage in the app, then reads its heap and its resident set. */
    Memory memory() throws IOException {
        final String[] stats = ask("stats").split(" ");
        final Map<String, Long> status = procStatus(process.pid());
        return new Memory(Long.parseLong(stats[1]), Long.parseLong(stats[2]), Long.parseLong(stats[3]),
                status.getOrDefault("VmRSS", -1L), status.getOrDefault("VmHWM", -1L));
    }

    /** Records and bytes the app's producers wrote, by topic. */
    Map<String, Writes> written() throws IOException {
        in.println("written");
        final Map<String, Writes> byTopic = new TreeMap<>();
        for (String line = readLine(); !"written-end".equals(line); line = readLine()) {
            final String[] parts = line.split(" ");
            byTopic.put(parts[1], new Writes(Long.parseLong(parts[2]), Long.parseLong(parts[3])));
        }
        return byTopic;
    }

    private String ask(final String command) throws IOException {
        in.println(command);
        return readLine();
    }

    /** The app's next answer; lines of the JVM's own logging (a flight recording's, say) start with '[' and are skipped. */
    private String readLine() throws IOException {
        String line = out.readLine();
        while (line != null && line.startsWith("[")) {
            line = out.readLine();
        }
        if (line == null) {
            throw new IllegalStateException("the benchmark's streams app exited; see " + log);
        }
        return line;
    }

    /** Fields of /proc/PID/status in kB (Linux only; empty elsewhere). */
    static Map<String, Long> procStatus(final long pid) {
        final Map<String, Long> fields = new TreeMap<>();
        final Path status = Path.of("/proc", String.valueOf(pid), "status");
        if (!Files.isReadable(status)) {
            return fields;
        }
        try {
            for (final String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                final String[] parts = line.split(":\\s+");
                if (parts.length == 2 && parts[1].endsWith(" kB")) {
                    fields.put(parts[0], Long.parseLong(parts[1].substring(0, parts[1].length() - 3).trim()));
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return fields;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            in.println("stop");
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (final InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
