package io.racetracker.streams;

import io.racetracker.core.event.DeadLetter;
import io.racetracker.core.event.DeadLetter.Reason;
import io.racetracker.core.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of defence against a poison record: anything Kafka Streams itself cannot read, and anything the
 * tracker fails on, is written to {@code race-dead-letters} with its reason and original bytes (in the same
 * transaction as the rest of the outputs) and processing goes on with the next record. So no record can put the
 * app into a crash loop, and none is dropped silently.
 */
public final class DeadLetterHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandlers.class);

    private DeadLetterHandlers() {
    }

    /** For registrations and read-back views that are not valid JSON (courses are parsed by {@code CourseTable}). */
    public static final class Deserialization implements DeserializationExceptionHandler {
        @Override
        public Response handleError(final ErrorHandlerContext context, final ConsumerRecord<byte[], byte[]> record,
                                    final Exception exception) {
            LOG.warn("unreadable record on {}-{} at offset {}: {}", record.topic(), record.partition(), record.offset(),
                    exception.getMessage());
            return Response.resume(List.of(deadLetter(Reason.UNREADABLE_RECORD, "cannot read a record of "
                    + record.topic() + ": " + exception.getMessage(), record.topic(), record.partition(),
                    record.offset(), record.key(), record.value())));
        }

        @Override
        public void configure(final Map<String, ?> configs) {
            // nothing to configure
        }
    }

    /** For a failure inside the topology on one record. */
    public static final class Processing implements ProcessingExceptionHandler {
        @Override
        public Response handleError(final ErrorHandlerContext context, final Record<?, ?> record, final Exception exception) {
            LOG.error("processing failed in {} on {}-{} at offset {}; the record goes to {}", context.processorNodeId(),
                    context.topic(), context.partition(), context.offset(), Topics.RACE_DEAD_LETTERS.name(), exception);
            return Response.resume(List.of(deadLetter(Reason.PROCESSING_ERROR, "the tracker failed on this record in "
                    + context.processorNodeId() + ": " + exception, context.topic(), context.partition(),
                    context.offset(), context.sourceRawKey(), context.sourceRawValue())));
        }

        @Override
        public void configure(final Map<String, ?> configs) {
            // nothing to configure
        }
    }

    /**
     * For an output the broker refuses for good (over its size limit, most likely a very long name in a board): the
     * output is left out, and a small dead letter says which, so that one record can never stop its partition (a
     * failed send would kill the stream thread, and its replacement would fail on the same record forever).
     * Anything else (a fenced producer, a broker away) is left to Kafka Streams, which retries or migrates the task.
     */
    public static final class Production implements ProductionExceptionHandler {
        @Override
        public Response handleError(final ErrorHandlerContext context, final ProducerRecord<byte[], byte[]> record,
                                    final Exception exception) {
            if (!(exception instanceof RecordTooLargeException)) {
                return Response.fail();
            }
            final int size = record.value() == null ? 0 : record.value().length;
            LOG.error("an output of {} bytes to {} is over the broker's size limit; left out, see {}", size, record.topic(),
                    Topics.RACE_DEAD_LETTERS.name(), exception);
            final DeadLetter letter = DeadLetter.of(Reason.OUTPUT_TOO_LARGE, "an output of " + size + " bytes to "
                            + record.topic() + " was over the broker's size limit and was left out (" + exception.getMessage()
                            + "); its first bytes are kept here", record.topic(), context.partition(), context.offset(),
                    record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                    record.value() == null ? null : java.util.Arrays.copyOf(record.value(), Math.min(size, 4096)),
                    null, null);
            return Response.resume(List.of(new ProducerRecord<>(Topics.RACE_DEAD_LETTERS.name(), record.key(),
                    Topics.RACE_DEAD_LETTERS.valueSerde().serialize(Topics.RACE_DEAD_LETTERS.name(), letter))));
        }

        @Override
        public void configure(final Map<String, ?> configs) {
            // nothing to configure
        }
    }

    static ProducerRecord<byte[], byte[]> deadLetter(final Reason code, final String reason, final String topic,
                                                     final int partition, final long offset, final byte[] key,
                                                     final byte[] value) {
        final String textKey = key == null ? null : new String(key, StandardCharsets.UTF_8);
        final DeadLetter letter = DeadLetter.of(code, reason, topic, partition, offset, textKey, value, null, null);
        return new ProducerRecord<>(Topics.RACE_DEAD_LETTERS.name(), key,
                Topics.RACE_DEAD_LETTERS.valueSerde().serialize(Topics.RACE_DEAD_LETTERS.name(), letter));
    }
}
