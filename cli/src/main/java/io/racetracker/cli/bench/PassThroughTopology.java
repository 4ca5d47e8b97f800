package io.racetracker.cli.bench;

import io.racetracker.core.topic.Topics;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The engine ceiling of the benchmark: reads {@code race-splits} as raw bytes and, for every read, writes as many
 * records of as many bytes to as many topics as the tracker does, computing nothing and using no serde and no store.
 * Run with the tracker's own settings (exactly-once, threads, commit interval), it shows what Kafka Streams itself
 * costs for the tracker's traffic on a machine.
 *
 * <ul>
 *   <li>in {@code race-splits}: key and value as raw bytes</li>
 *   <li>out: one topic per {@link Output}, key the read's key, value {@link Output#valueBytes} filler bytes</li>
 * </ul>
 */
public final class PassThroughTopology {
    private static final String SOURCE = "splits-source";
    private static final String FAN_OUT = "fan-out";

    /**
     * One topic the pass-through writes.
     *
     * @param topic          where to write
     * @param recordsPerRead records to write per read on average (fractions are carried from read to read)
     * @param valueBytes     size of each value
     */
    public record Output(String topic, double recordsPerRead, int valueBytes) {
        public Output {
            Objects.requireNonNull(topic, "topic");
            if (!(recordsPerRead >= 0) || valueBytes < 0) {
                throw new IllegalArgumentException("bad pass-through output " + topic + ": " + recordsPerRead
                        + " records of " + valueBytes + " bytes per read");
            }
        }

        /** {@code topic:recordsPerRead:valueBytes}, the form the benchmark passes on a command line. */
        public static Output parse(final String spec) {
            final String[] parts = spec.split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("expected topic:recordsPerRead:valueBytes, got '" + spec + "'");
            }
            return new Output(parts[0], Double.parseDouble(parts[1]), Integer.parseInt(parts[2]));
        }

        public String spec() {
            return topic + ":" + recordsPerRead + ":" + valueBytes;
        }
    }

    private PassThroughTopology() {
    }

    public static Topology build(final List<Output> outputs) {
        final List<Output> copy = List.copyOf(outputs);
        final Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), Topics.RACE_SPLITS.name());
        topology.addProcessor(FAN_OUT, () -> new FanOut(copy), SOURCE);
        for (int i = 0; i < copy.size(); i++) {
            topology.addSink(sinkName(i), copy.get(i).topic(), new ByteArraySerializer(), new ByteArraySerializer(), FAN_OUT);
        }
        return topology;
    }

    private static String sinkName(final int index) {
        return "sink-" + index;
    }

    /** Forwards filler values; the fraction of a record owed to each topic is carried to the next read. */
    private static final class FanOut implements Processor<byte[], byte[], byte[], byte[]> {
        private final List<Output> outputs;
        private final byte[][] values;
        private final double[] owed;
        private ProcessorContext<byte[], byte[]> context;

        FanOut(final List<Output> outputs) {
            this.outputs = outputs;
            this.values = new byte[outputs.size()][];
            this.owed = new double[outputs.size()];
            for (int i = 0; i < outputs.size(); i++) {
                values[i] = new byte[outputs.get(i).valueBytes()];
                Arrays.fill(values[i], (byte) 'x');
            }
        }

        @Override
        public void init(final ProcessorContext<byte[], byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(final Record<byte[], byte[]> read) {
            for (int i = 0; i < outputs.size(); i++) {
                owed[i] += outputs.get(i).recordsPerRead();
                while (owed[i] >= 1) {
                    owed[i] -= 1;
                    context.forward(read.withValue(values[i]), sinkName(i));
                }
            }
        }
    }
}
