package io.racetracker.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The settings that quietly give up what the tracker promises on race day (exactly once, no acknowledged read lost,
 * only committed outputs read), found in a layered configuration, with what each one weakens. A command refuses
 * them unless told to allow them.
 */
public final class WeakerGuarantees {
    private WeakerGuarantees() {
    }

    /** What the settings weaken, one sentence each; empty when nothing is. */
    public static List<String> in(final Properties props) {
        final List<String> found = new ArrayList<>();
        final String guarantee = props.getProperty("processing.guarantee");
        if (guarantee != null && !guarantee.trim().equals("exactly_once_v2")) {
            found.add("processing.guarantee=" + guarantee.trim() + " gives up exactly-once: after a crash, outputs"
                    + " are written twice or state counts a read twice");
        }
        for (final String key : List.of("acks", "producer.acks")) {
            final String acks = props.getProperty(key);
            if (acks != null && !acks.trim().equals("all") && !acks.trim().equals("-1")) {
                found.add(key + "=" + acks.trim() + " lets a write be acknowledged before every in-sync replica has it:"
                        + " a broker failure can lose an acknowledged read");
            }
        }
        for (final String key : List.of("enable.idempotence", "producer.enable.idempotence")) {
            final String idempotence = props.getProperty(key);
            if (idempotence != null && idempotence.trim().toLowerCase(Locale.ROOT).equals("false")) {
                found.add(key + "=false lets a retried send write a read twice");
            }
        }
        for (final String key : List.of("isolation.level", "consumer.isolation.level", "main.consumer.isolation.level",
                "global.consumer.isolation.level", "restore.consumer.isolation.level")) {
            final String isolation = props.getProperty(key);
            if (isolation != null && isolation.trim().equals("read_uncommitted")) {
                found.add(key + "=read_uncommitted reads records of transactions that were aborted, as if they had"
                        + " happened");
            }
        }
        return found;
    }
}
