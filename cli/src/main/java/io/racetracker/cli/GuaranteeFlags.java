package io.racetracker.cli;

import io.racetracker.core.config.WeakerGuarantees;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** Refuses settings that lower the race-day guarantees, from any layer, unless the user says so. */
final class GuaranteeFlags {
    private static final Logger LOG = LoggerFactory.getLogger(GuaranteeFlags.class);

    @Option(names = "--allow-weaker-guarantees",
            description = "Run even with settings that weaken exactly-once or durability (processing.guarantee,"
                    + " acks, enable.idempotence, isolation.level); each is logged as a warning.")
    boolean allowWeaker;

    /**
     * @throws IllegalArgumentException naming every weaker setting and what it weakens, unless allowed
     */
    void check(final Properties layered) {
        final List<String> weaker = WeakerGuarantees.in(layered);
        if (weaker.isEmpty()) {
            return;
        }
        if (!allowWeaker) {
            throw new IllegalArgumentException(String.join("; ", weaker)
                    + ". Remove the setting, or pass --allow-weaker-guarantees to run with it anyway");
        }
        weaker.forEach(w -> LOG.warn("running with weaker guarantees, as allowed: {}", w));
    }
}
