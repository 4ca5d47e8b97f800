package io.racetracker.producer.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Broken {@code race-splits} records of every kind a faulty timing system or a bad client might send. */
final class Malformed {
    record Broken(String key, byte[] bytes, String what) {
    }

    private final SplittableRandom random;

    Malformed(final SplittableRandom random) {
        this.random = random;
    }

    Broken of(final SplitEvent read) {
        final ObjectNode json = Json.mapper().valueToTree(read);
        final String key = read.key();
        switch (random.nextInt(8)) {
            case 0:
                final String text = json.toString();
                return new Broken(key, utf8(text.substring(0, text.length() / 2)), "truncated JSON");
            case 1:
                json.put("elapsedMs", "1:23:45");
                return new Broken(key, utf8(json.toString()), "elapsedMs is text");
            case 2:
                json.remove("athleteId");
                return new Broken(key, utf8(json.toString()), "athleteId missing");
            case 3:
                final byte[] bytes = utf8(json.toString());
                bytes[bytes.length / 2] = (byte) 0xC3;
                bytes[bytes.length / 2 + 1] = (byte) 0x28;
                return new Broken(key, bytes, "not UTF-8");
            case 4:
                json.put("elapsedMs", -read.elapsedMs());
                return new Broken(key, utf8(json.toString()), "negative elapsedMs");
            case 5:
                json.put("distanceM", "far");
                return new Broken(key, utf8(json.toString()), "distanceM is text");
            case 6:
                return new Broken(key, utf8("[" + json + "]"), "an array, not an object");
            default:
                return new Broken(key + "-other", utf8(json.toString()), "key is not the race and athlete id");
        }
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
