package io.racetracker.streams.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void theListenerHearsOfEveryQueuedEventTheOverflowAndTheClose() {
        final Subscriber subscriber = new Subscriber(EventFilter.parse(Map.of("athlete", List.of("a1"))), 1);
        final int[] heard = {0};
        subscriber.listen(() -> heard[0]++);
        assertEquals(1, heard[0], "once when it starts listening");
        subscriber.offer(event(0));
        assertEquals(1, heard[0], "not for an event its filter refuses");
        subscriber.offer(event(1));
        assertEquals(2, heard[0]);
        subscriber.offer(event(1));
        assertTrue(subscriber.overflowed());
        assertEquals(3, heard[0], "the overflow");
        subscriber.close();
        assertEquals(4, heard[0], "the close");
        assertNull(subscriber.poll(), "an overflowed queue is emptied");
    }

    @Test
    void snapshotEventsAreFormattedWithoutAnIdAndReadyCarriesTheFeedsPosition() {
        assertEquals("event: state\ndata: {\"n\":7}\n\n", EventStream.formatWithoutId(event(7)));
        final Subscriber subscriber = new Subscriber(EventFilter.all(), 1);
        assertEquals("id: athlete-state:0:9\nevent: ready\ndata: {\"snapshot\":3}\n\n", new String(EventStream.ready(
                new FeedCache.Subscription(subscriber, 3, false, "athlete-state:0:9")), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("event: ready\ndata: {\"resumed\":2}\n\n", new String(EventStream.ready(
                new FeedCache.Subscription(subscriber, 2, true, null)), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void eventsAreFormattedAsServerSentEvents() {
        assertEquals("id: athlete-state:0:7\nevent: state\ndata: {\"n\":7}\n\n", EventStream.format(event(7)));
    }
}
