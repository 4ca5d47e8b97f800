package io.racetracker.streams.intake;

import io.racetracker.core.event.Course;
import io.racetracker.streams.StateNames;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Gives each valid read its race's course from the global store {@value StateNames#COURSES_STORE}, or none, as
 * an input of the athlete's task.
 */
public final class CourseLookup implements FixedKeyProcessor<String, ParsedSplit, AthleteInput> {
    private FixedKeyProcessorContext<String, AthleteInput> context;
    private KeyValueStore<String, Course> courses;

    @Override
    public void init(final FixedKeyProcessorContext<String, AthleteInput> context) {
        this.context = context;
        this.courses = context.getStateStore(StateNames.COURSES_STORE);
    }

    @Override
    public void process(final FixedKeyRecord<String, ParsedSplit> record) {
        context.forward(record.withValue(new AthleteInput.Read(record.value().withCourse(
                courses.get(record.value().split().raceId())))));
    }
}
