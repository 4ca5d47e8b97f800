package io.racetracker.cli.ingest;

import io.racetracker.core.event.Course;
import io.racetracker.core.passings.RaceDay;
import io.racetracker.core.topic.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The race as published on {@code race-courses}: the latest course under the race id, on the day of its start, with
 * the start mat the race file names.
 */
public final class CourseTopicRaceSource implements RaceSource {
    private final Properties clientProps;
    private final String raceId;
    private final String startMat;

    public CourseTopicRaceSource(final Properties clientProps, final String raceId, final String startMat) {
        this.clientProps = clientProps;
        this.raceId = raceId;
        this.startMat = startMat;
    }

    @Override
    public RaceDay load() {
        final Map<String, Course> courses = new TreeMap<>();
        try (TopicToEnd topic = new TopicToEnd(clientProps, Topics.RACE_COURSES.name())) {
            topic.readToEnd(record -> {
                if (record.value() == null) {
                    courses.remove(record.key());
                    return;
                }
                try {
                    final Course course = Topics.RACE_COURSES.valueSerde().deserialize(record.topic(), record.value());
                    courses.put(course.raceId(), course);
                } catch (final RuntimeException unreadable) {
                    // the streams app dead-letters unreadable courses; here another race's bad record is no concern
                }
            }, Duration.ofSeconds(60));
        }
        final Course course = courses.get(raceId);
        if (course == null) {
            throw new IllegalArgumentException("race " + raceId + " is not on " + Topics.RACE_COURSES.name()
                    + (courses.isEmpty() ? " (it holds no race)" : " (races there: " + String.join(", ", courses.keySet())
                    + ")") + "; publish its course first");
        }
        return RaceDay.of(course, startMat);
    }
}
