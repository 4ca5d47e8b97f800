package io.racetracker.benchmarks;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The text Kafka Streams (4.3, 4.4) builds in {@code PartitionGroup.readyToProcess} for each empty input partition of a
 * task on every record, under the default format locale of a machine without a locale set ({@code en}, as Java reads
 * {@code C} and {@code POSIX}) and under en-US, which {@code FormatLocale} makes the default where nothing else changes
 * (with {@code -prof gc}: bytes per call).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogTextBenchmark {
    @Param({"en", "en-US"})
    private String locale;

    private final TopicPartition partition = new TopicPartition("race-corrections", 3);

    @Setup
    public void useLocale() {
        Locale.setDefault(Locale.Category.FORMAT, Locale.forLanguageTag(locale));
    }

    @Benchmark
    public String emptyPartitionText() {
        return String.format("Partition %s has fetched lag of %d", partition, 0L);
    }
}
