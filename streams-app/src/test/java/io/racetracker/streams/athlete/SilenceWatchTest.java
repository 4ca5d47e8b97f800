package io.racetracker.streams.athlete;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilenceWatchTest {
    private static final long START = Instant.parse("2023-04-23T09:00:00Z").toEpochMilli();
    private final SilenceWatch watch = new SilenceWatch();

    @Test
    void anAthleteIsOverdueOnceTheirLatestDeadlinePassesOnTheRaceClock() {
        watch.observe("london", Instant.ofEpochMilli(START), 0);
        watch.watch("a", "london", START + 1_000);
        watch.watch("b", "london", START + 2_000);
        watch.watch("a", "london", START + 5_000);

        assertEquals(List.of(), watch.overdue(500), "the race clock runs on in real time from the latest read");
        assertEquals(List.of("b"), watch.overdue(3_000), "a's first deadline was moved, so only b is due");
        assertEquals(List.of("a"), watch.overdue(6_000));
        assertEquals(List.of(), watch.overdue(60_000), "each athlete is given up once");
    }

    @Test
    void aForgottenAthleteIsNeverOverdueAndMayBeWatchedAgainForTheSameTime() {
        watch.observe("london", Instant.ofEpochMilli(START), 0);
        watch.watch("a", "london", START + 1_000);
        watch.forget("a");
        assertEquals(List.of(), watch.overdue(2_000));

        watch.watch("a", "london", START + 3_000);
        watch.forget("a");
        watch.watch("a", "london", START + 3_000);
        assertEquals(List.of("a"), watch.overdue(4_000), "once, though the same deadline was set twice");
    }

    @Test
    void manyMovedDeadlinesKeepOnlyTheLatestOfEach() {
        watch.observe("london", Instant.ofEpochMilli(START), 0);
        for (int read = 0; read < 10; read++) {
            for (int athlete = 0; athlete < 500; athlete++) {
                watch.watch("r" + athlete, "london", START + 10_000 + read * 1_000L + athlete);
            }
        }
        assertEquals(List.of(), watch.overdue(18_000));
        assertEquals(500, watch.overdue(20_000).size(), "every athlete's last deadline, once");
    }

    @Test
    void overdueAthletesComeEarliestFirstAndThoseDueTogetherByKey() {
        watch.observe("london", Instant.ofEpochMilli(START), 0);
        watch.watch("c", "london", START + 300);
        watch.watch("b", "london", START + 100);
        watch.watch("a", "london", START + 300);
        assertEquals(List.of("b", "a", "c"), watch.overdue(1_000));
    }

    @Test
    void eachRaceHasItsOwnClock() {
        watch.observe("london", Instant.ofEpochMilli(START), 0);
        watch.observe("berlin", Instant.ofEpochMilli(START - 60_000), 0);
        watch.watch("a", "london", START + 1_000);
        watch.watch("b", "berlin", START + 1_000);

        assertEquals(List.of("a"), watch.overdue(2_000));
    }
}
