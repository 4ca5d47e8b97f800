package io.racetracker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus alert rules under deploy/ parse, use only metrics the app exposes on
 * /metrics, and every alert says how bad it is and what happened.
 */
class MonitoringFilesTest {
    /**
     * What the streams app's /metrics exposes, as Prometheus names: the tracker's own (DashboardMetrics; checked
     * against its source below) and those of Kafka Streams' that the files use, as Micrometer's binder names them.
     */
    static final Set<String> APP_METRICS = Set.of(
            "racetracker_reads_in_total",
            "racetracker_reads_accepted_total",
            "racetracker_reads_duplicate_total",
            "racetracker_dead_letters_total",
            "racetracker_outputs_total",
            // a histogram: buckets for histogram_quantile, and Micrometer's max
            "racetracker_end_to_end_lag_seconds_bucket",
            "racetracker_end_to_end_lag_seconds_count",
            "racetracker_end_to_end_lag_seconds_sum",
            "racetracker_end_to_end_lag_seconds_max",
            "racetracker_dashboard_clients",
            "racetracker_dashboard_clients_dropped_total",
            "racetracker_bad_courses_total",
            // Kafka Streams' client metrics (group stream-metrics)
            "kafka_stream_alive_stream_threads",
            "kafka_stream_failed_stream_threads_total",
            // Kafka Streams' thread metrics (group stream-thread-metrics)
            "kafka_stream_thread_process_total",
            "kafka_stream_thread_process_rate",
            "kafka_stream_thread_commit_latency_avg",
            "kafka_stream_thread_commit_total",
            "kafka_stream_thread_poll_records_avg");

    /** Made by Prometheus itself (up) or the blackbox exporter probing /health/ready (probe_success). */
    static final Set<String> SCRAPE_METRICS = Set.of("up", "probe_success");

    private static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "le", "inf", "nan");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Path project(final String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("deploy")) && Files.exists(dir.resolve("streams-app"))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException("no project directory above " + Path.of("").toAbsolutePath());
    }

    /** The metric names a PromQL expression reads: what is left once labels, ranges, strings and functions are out. */
    static Set<String> metricNames(final String expr) {
        String rest = expr
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", " ")            // strings
                .replaceAll("\\{[^}]*}", " ")                            // label matchers
                .replaceAll("\\[[^]]*]", " ")                            // ranges
                .replaceAll("(?i)\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\b\\d+(\\.\\d+)?([eE][-+]?\\d+)?\\b", " "); // numbers
        final Set<String> names = new TreeSet<>();
        final Matcher m = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\s*\\()?").matcher(rest);
        while (m.find()) {
            if (m.group(1) != null) {
                continue; // a function
            }
            final String name = m.group().trim();
            if (!PROMQL_WORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    @Test
    void metricNamesOfAnExpression() {
        assertEquals(Set.of("racetracker_dead_letters_total", "racetracker_reads_in_total"), metricNames(
                "sum by (instance, code) (rate(racetracker_dead_letters_total{job=\"x\",code=~\"a|b\"}[5m]))"
                        + " / ignoring (code) group_left sum by (instance) (rate(racetracker_reads_in_total[5m])) > 0.05"));
        assertEquals(Set.of("racetracker_end_to_end_lag_seconds_bucket"), metricNames(
                "histogram_quantile(0.99, sum by (le) (rate(racetracker_end_to_end_lag_seconds_bucket{job=~\"$job\"}[5m])))"));
    }

    @Test
    void theTrackersMetricNamesAreTheOnesDashboardMetricsRegisters() throws IOException {
        final String source = Files.readString(
                project("streams-app/src/main/java/io/racetracker/streams/http/DashboardMetrics.java"));
        for (final String name : APP_METRICS) {
            if (!name.startsWith("racetracker_")) {
                continue;
            }
            final String meter = name.replaceAll("_(total|bucket|count|sum|max)$", "").replaceAll("_seconds$", "")
                    .replace('_', '.');
            assertTrue(source.contains("\"" + meter + "\""), name + ": DashboardMetrics registers no " + meter);
        }
    }

    @Test
    void theDashboardsPanelsUseOnlyWhatTheAppExposes() throws IOException {
        final JsonNode dashboard = JSON.readTree(project("deploy/grafana/race-tracker.json").toFile());
        assertEquals("race-tracker", dashboard.path("uid").asText());
        final List<String> exprs = new ArrayList<>();
        final Set<String> used = new HashSet<>();
        for (final JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertFalse(panel.path("title").asText().isBlank(), "every panel has a title: " + panel);
            assertTrue(panel.path("targets").size() > 0, panel.path("title").asText() + " has no query");
            for (final JsonNode target : panel.path("targets")) {
                final String expr = target.path("expr").asText();
                assertFalse(expr.isBlank(), panel.path("title").asText() + " has an empty query");
                exprs.add(expr);
                for (final String name : metricNames(expr)) {
                    if (!APP_METRICS.contains(name) && !SCRAPE_METRICS.contains(name)) {
                        fail(panel.path("title").asText() + ": " + name + " is not a metric the app exposes: " + expr);
                    }
                    used.add(name);
                }
            }
        }
        assertTrue(exprs.size() >= 10, "panels: " + exprs);
        for (final String needed : List.of("racetracker_reads_in_total", "racetracker_dead_letters_total",
                "racetracker_outputs_total", "racetracker_end_to_end_lag_seconds_bucket", "racetracker_dashboard_clients",
                "racetracker_bad_courses_total", "kafka_stream_thread_process_total")) {
            assertTrue(used.contains(needed), "the dashboard shows " + needed);
        }
    }

    @Test
    void everyAlertRuleHasAnExpressionADurationASeverityAndASummary() throws IOException {
        final JsonNode rules = YAML.readTree(project("deploy/prometheus/race-tracker-alerts.yml").toFile());
        final Set<String> alerts = new HashSet<>();
        for (final JsonNode group : rules.path("groups")) {
            assertFalse(group.path("name").asText().isBlank());
            for (final JsonNode rule : group.path("rules")) {
                final String alert = rule.path("alert").asText();
                assertFalse(alert.isBlank(), "an alerting rule, not a recording one: " + rule);
                assertTrue(alerts.add(alert), "one rule per name: " + alert);
                final String expr = rule.path("expr").asText();
                assertFalse(expr.isBlank(), alert + ": expr");
                assertTrue(rule.path("for").asText().matches("\\d+[smh]"), alert + ": for");
                assertTrue(Set.of("page", "warning").contains(rule.path("labels").path("severity").asText()),
                        alert + ": labels.severity");
                assertFalse(rule.path("annotations").path("summary").asText().isBlank(), alert + ": annotations.summary");
                for (final String name : metricNames(expr)) {
                    assertTrue(APP_METRICS.contains(name) || SCRAPE_METRICS.contains(name),
                            alert + ": " + name + " is not a metric the app or the scrape exposes: " + expr);
                }
            }
        }
        for (final String needed : List.of("RaceTrackerEndToEndLagHigh", "RaceTrackerDeadLettersClimbing",
                "RaceTrackerStreamThreadsReplaced", "RaceTrackerNotReady", "RaceTrackerDown")) {
            assertTrue(alerts.contains(needed), needed + " in " + alerts);
        }
    }
}
