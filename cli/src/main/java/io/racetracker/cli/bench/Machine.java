package io.racetracker.cli.bench;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * What the benchmark ran on, so that its figures are never quoted without it.
 *
 * @param memoryTotalMb the machine's memory, -1 where the system does not tell
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Machine(int cores, String cpu, long memoryTotalMb, String os, String java, String kafka) {

    static Machine describe() {
        final String memTotal = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        return new Machine(Runtime.getRuntime().availableProcessors(), firstValue(Path.of("/proc/cpuinfo"), "model name"),
                memTotal.isEmpty() ? -1 : Long.parseLong(memTotal.replace("kB", "").trim()) / 1024,
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                AppInfoParser.getVersion());
    }

    /** The 1-minute load average: other work on the machine while the benchmark ran. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).split(" ")[0]);
        } catch (final IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String firstValue(final Path file, final String key) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("");
        } catch (final IOException e) {
            return "";
        }
    }
}
