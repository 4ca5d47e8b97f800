package io.racetracker.producer;

import io.racetracker.core.topic.Topic;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends records without waiting for each acknowledgement, and fails at the next check with the first send that
 * failed: a read that cannot be delivered stops the replay instead of being lost.
 */
public final class FailFastSender {
    private final Producer<String, byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public FailFastSender(final Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    public <V> void send(final Topic<V> topic, final String key, final V value) {
        send(topic.name(), key, topic.valueSerde().serialize(topic.name(), value));
    }

    public void send(final String topic, final String key, final byte[] bytes) {
        producer.send(new ProducerRecord<>(topic, key, bytes), (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
    }

    /** @throws IllegalStateException with the first failed send, if any */
    public void check() {
        final Exception error = failure.get();
        if (error != null) {
            throw new IllegalStateException("a record could not be sent: " + error.getMessage(), error);
        }
    }

    /** Waits until everything sent is acknowledged, then {@link #check()}s. */
    public void flush() {
        producer.flush();
        check();
    }
}
