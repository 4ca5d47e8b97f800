package io.racetracker.streams.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriberTest {
    private static FeedEvent event(final int n) {
        return new FeedEvent(Kind.STATE, "athlete-state:0:" + n, "vienna-2019", "a" + n, "a" + n, "{\"n\":" + n + "}");
    }

    @Test
    void aSlowClientIsMarkedOverflowedAndTheFeedNeverWaits() {
        final Subscriber slow = new Subscriber(EventFilter.all(), 3);
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            for (int i = 0; i < 10_000; i++) {
                slow.offer(event(i));
            }
        });
        assertTrue(slow.overflowed());
    }

    @Test
    void eventsComeOutInOrderAndOnlyThoseTheFilterAccepts() throws InterruptedException {
        final Subscriber subscriber = new Subscriber(EventFilter.parse(Map.of("athlete", List.of("a2"))), 10);
        for (int i = 0; i < 4; i++) {
            subscriber.offer(event(i));
        }
        assertEquals("athlete-state:0:2", subscriber.next(10).id());
        assertNull(subscriber.next(10));
        assertFalse(subscriber.overflowed());
    }

    @Test
    void eventsAreFormattedAsServerSentEvents() {
        assertEquals("id: athlete-state:0:7\nevent: state\ndata: {\"n\":7}\n\n", EventStream.format(event(7)));
    }
}
