package io.racetracker.cli.bench;

import io.racetracker.cli.LocalKafka;
import java.util.Arrays;
import java.util.List;

/** The read ceiling: Kafka's own {@code ConsumerPerformance} reading a topic whole, in a JVM of its own. */
final class ReadCeiling {
    private static final String TOOL = "org.apache.kafka.tools.ConsumerPerformance";

    private ReadCeiling() {
    }

    /** Records per second while fetching (the tool's {@code fetch.nMsg.sec}: group join excluded). */
    static double measure(final String bootstrap, final String topic, final long records) throws InterruptedException {
        final String out = LocalKafka.runToolCapturing(TOOL, List.of("--bootstrap-server", bootstrap, "--topic", topic,
                "--num-records", String.valueOf(records), "--timeout", "30000",
                "--group", "bench-read-ceiling-" + System.nanoTime()));
        return parse(out, "fetch.nMsg.sec");
    }

    /** The column of the tool's one line of figures under its header line. */
    static double parse(final String out, final String column) {
        final List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            final List<String> header = Arrays.stream(lines.get(i).split(",")).map(String::trim).toList();
            final int at = header.indexOf(column);
            if (at >= 0) {
                return Double.parseDouble(lines.get(i + 1).split(",")[at].trim());
            }
        }
        throw new IllegalStateException("no " + column + " in the output of " + TOOL + ":\n" + out);
    }
}
