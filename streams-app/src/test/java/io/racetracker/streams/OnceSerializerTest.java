package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class OnceSerializerTest {
    private final AtomicInteger writes = new AtomicInteger();
    private final Serializer<StringBuilder> counting = (topic, data) -> {
        writes.incrementAndGet();
        return data == null ? null : data.toString().getBytes(StandardCharsets.UTF_8);
    };
    private final OnceSerializer<StringBuilder> once = new OnceSerializer<>(counting);

    @Test
    void theSameInstanceIsWrittenOnceAndAnEqualOneAgain() {
        final StringBuilder value = new StringBuilder("kipchoge");
        final byte[] first = once.serialize("athlete-projections", value);
        assertArrayEquals(first, once.serialize("athlete-state", value));
        assertEquals(1, writes.get());

        assertArrayEquals(first, once.serialize("athlete-state", new StringBuilder("kipchoge")));
        assertEquals(2, writes.get(), "an equal but other instance is written again");
        assertNull(once.serialize("athlete-state", null));
    }
}
