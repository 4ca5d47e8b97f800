package io.racetracker.streams.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResumeBufferTest {
    private static FeedEvent event(final String race, final int partition, final int offset) {
        return new FeedEvent(Kind.BROADCAST, "broadcast-feed:" + partition + ":" + offset, race, "a", race + "/a", "{}");
    }

    private static List<String> ids(final List<FeedEvent> events) {
        return events.stream().map(FeedEvent::id).toList();
    }

    @Test
    void theEventsAfterAHeldIdComeBackInTheFeedsOrderAndOnlyThoseTheFilterAccepts() {
        final ResumeBuffer buffer = new ResumeBuffer(10);
        buffer.add(event("r", 0, 5));
        buffer.add(event("r", 1, 3));
        buffer.add(event("other", 0, 6));
        buffer.add(event("r", 0, 7));
        buffer.add(event("r", 1, 4));
        final EventFilter race = EventFilter.parse(Map.of("race", List.of("r")));
        assertEquals(List.of("broadcast-feed:0:7", "broadcast-feed:1:4"),
                ids(buffer.after("broadcast-feed:1:3", race).orElseThrow()),
                "after 1:3 in the feed's order, not in offset order; the other race's event left out");
        assertEquals(List.of(), buffer.after("broadcast-feed:1:4", race).orElseThrow(), "nothing after the latest");
        assertEquals("broadcast-feed:1:4", buffer.latestId());
    }

    @Test
    void anIdThatFellOutOrWasNeverHeldCannotBeResumedFrom() {
        final ResumeBuffer buffer = new ResumeBuffer(3);
        for (int offset = 0; offset < 5; offset++) {
            buffer.add(event("r", 0, offset));
        }
        assertEquals(3, buffer.size());
        assertTrue(buffer.after("broadcast-feed:0:1", EventFilter.all()).isEmpty(), "fell out");
        assertTrue(buffer.after("broadcast-feed:9:1", EventFilter.all()).isEmpty(), "never held");
        assertTrue(buffer.after(null, EventFilter.all()).isEmpty());
        assertEquals(List.of("broadcast-feed:0:3", "broadcast-feed:0:4"),
                ids(buffer.after("broadcast-feed:0:2", EventFilter.all()).orElseThrow()));
    }
}
