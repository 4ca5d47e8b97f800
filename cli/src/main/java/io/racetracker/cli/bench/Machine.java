package io.racetracker.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the benchmark ran on, so that its figures are never quoted without it. */
final class Machine {
    private Machine() {
    }

    static Map<String, Object> describe() {
        final Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        final String memTotal = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        machine.put("memory_total_mb", memTotal.isEmpty() ? -1 : Long.parseLong(memTotal.replace("kB", "").trim()) / 1024);
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("kafka", org.apache.kafka.common.utils.AppInfoParser.getVersion());
        return machine;
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
