package io.racetracker.streams.intake;

import io.racetracker.core.event.Course;
import io.racetracker.core.topic.Topics;
import io.racetracker.streams.StateNames;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The courses every instance holds whole: {@code race-courses} (key race id, value {@code Course}) into the global
 * store {@value StateNames#COURSES_STORE}, which {@code TrackerTopology} adds with {@link CourseUpdater} as its processor.
 *
 * <p>The topic is read as raw bytes and parsed here, so that a course that cannot be read (bad JSON, a course that
 * fails its own checks, no key) never reaches Kafka Streams' exception handling on the global thread, where a dead
 * letter cannot be written and the thread, and with it the client, dies. Such a record is set aside: the race keeps
 * its last good course, a WARN line names the record and why, and {@value #BAD_COURSES_METRIC} (group
 * {@value #METRIC_GROUP}) counts it. The same processor rebuilds the store from the topic when the state is gone, so
 * a bad record is skipped then too.
 */
public final class CourseTable {
    public static final String METRIC_GROUP = "stream-racetracker-metrics";
    public static final String BAD_COURSES_METRIC = "bad-courses-total";
    private static final Logger LOG = LoggerFactory.getLogger(CourseTable.class);

    private CourseTable() {
    }

    /** Keeps each readable course, removes a race on a tombstone, and sets aside anything else. */
    public static final class CourseUpdater implements Processor<String, byte[], Void, Void> {
        private ProcessorContext<Void, Void> context;
        private KeyValueStore<String, Course> store;
        private Sensor bad;

        @Override
        public void init(final ProcessorContext<Void, Void> context) {
            this.context = context;
            this.store = context.getStateStore(StateNames.COURSES_STORE);
            this.bad = context.metrics().addRateTotalSensor("racetracker", "courses", "bad-courses",
                    Sensor.RecordingLevel.INFO);
        }

        @Override
        public void process(final Record<String, byte[]> record) {
            if (record.key() == null) {
                setAside("no key; a course is keyed by its race id");
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
                return;
            }
            final Course course;
            try {
                course = Topics.RACE_COURSES.valueSerde().deserializer().deserialize(Topics.RACE_COURSES.name(),
                        record.value());
            } catch (final RuntimeException e) {
                setAside("cannot read the course of race '" + record.key() + "': " + e.getMessage());
                return;
            }
            store.put(record.key(), course);
        }

        private void setAside(final String reason) {
            final RecordMetadata from = context.recordMetadata().orElse(null);
            LOG.warn("skipping a bad course record on {}-{} at offset {}: {}; the race keeps its last good course",
                    from == null ? Topics.RACE_COURSES.name() : from.topic(), from == null ? -1 : from.partition(),
                    from == null ? -1 : from.offset(), reason);
            bad.record();
        }
    }
}
