package io.racetracker.cli;

import io.racetracker.core.event.Correction;
import io.racetracker.core.event.Correction.Type;
import io.racetracker.core.race.RaceTime;
import io.racetracker.core.topic.Topics;
import io.racetracker.producer.FailFastSender;
import io.racetracker.producer.ProducerSettings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "correct", mixinStandardHelpOptions = true,
        description = {"Enter an operator's correction of one athlete's race on race-corrections: void a read, enter a"
                + " time by hand, disqualify or reinstate, change the category or the start wave.",
            "The streams app recomputes the athlete's state, results and boards from the corrected history. Every"
                + " correction keeps the reason and the operator's name; one that cannot apply (no such read or"
                + " athlete, a time that cannot be true) comes back on race-dead-letters as INVALID_CORRECTION.",
            "Examples:",
            "  correct --race riverside-10k-2026 --athlete 417 --time FINISH=0:41:07 --reason \"finish video\" --operator ana",
            "  correct --race riverside-10k-2026 --athlete 88 --void 5K --reason \"chip on the wrong runner\" --operator ana",
            "  correct --race riverside-10k-2026 --athlete 12 --disqualify --reason \"course cut\" --operator referee"})
final class CorrectCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--race", required = true, paramLabel = "RACE_ID", description = "The race.")
    String raceId;

    @Option(names = "--athlete", required = true, paramLabel = "ID", description = "The athlete's id in the race.")
    String athleteId;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--void", paramLabel = "MAT[#LAP]", description = "Take back the accepted read at this mat.")
        String voidRead;

        @Option(names = "--time", paramLabel = "MAT[#LAP]=H:MM:SS", description = "Enter a chip time by hand at a mat.")
        String time;

        @Option(names = "--disqualify", description = "Disqualify the athlete: off every board, no result.")
        boolean disqualify;

        @Option(names = "--reinstate", description = "Undo a disqualification.")
        boolean reinstate;

        @Option(names = "--category", paramLabel = "CATEGORY", description = "Move the athlete to this category.")
        String category;

        @Option(names = "--wave", paramLabel = "WAVE", description = "Move the athlete to this start wave.")
        String wave;
    }

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (kept with the correction).")
    String reason;

    @Option(names = "--operator", required = true, paramLabel = "NAME", description = "Who (kept with the correction).")
    String operator;

    @Override
    public Integer call() {
        final Correction correction = correction(UUID.randomUUID().toString(), Instant.now());
        TopicSetup.ensure(kafka.layered(Map.of()));
        try (Producer<String, byte[]> producer = new KafkaProducer<>(ProducerSettings.of(kafka.bootstrapServerOrDefault(),
                KafkaOptions.asMap(kafka.layered(Map.of()))))) {
            final FailFastSender sender = new FailFastSender(producer);
            sender.send(Topics.RACE_CORRECTIONS, correction.key(), correction);
            sender.flush();
        }
        System.out.println("Sent to " + Topics.RACE_CORRECTIONS.name() + " (key " + correction.key() + "):");
        System.out.println(new String(Topics.RACE_CORRECTIONS.valueSerde().serialize(Topics.RACE_CORRECTIONS.name(),
                correction), StandardCharsets.UTF_8));
        return 0;
    }

    /** The correction the options describe; @throws IllegalArgumentException naming what is wrong */
    Correction correction(final String id, final Instant at) {
        if (what.voidRead != null) {
            final Crossing crossing = Crossing.parse(what.voidRead, "--void");
            return new Correction(id, Type.VOID_READ, raceId, athleteId, crossing.mat(), crossing.lap(), null, null, null,
                    reason, operator, at);
        }
        if (what.time != null) {
            final int eq = what.time.lastIndexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--time takes MAT=H:MM:SS, e.g. FINISH=2:48:55; got '" + what.time + "'");
            }
            final Crossing crossing = Crossing.parse(what.time.substring(0, eq), "--time");
            return new Correction(id, Type.MANUAL_TIME, raceId, athleteId, crossing.mat(), crossing.lap(),
                    RaceTime.parse(what.time.substring(eq + 1)), null, null, reason, operator, at);
        }
        if (what.category != null) {
            return new Correction(id, Type.CHANGE_CATEGORY, raceId, athleteId, null, null, null, what.category, null,
                    reason, operator, at);
        }
        if (what.wave != null) {
            return new Correction(id, Type.CHANGE_WAVE, raceId, athleteId, null, null, null, null, what.wave, reason,
                    operator, at);
        }
        return new Correction(id, what.disqualify ? Type.DISQUALIFY : Type.REINSTATE, raceId, athleteId, null, null, null,
                null, null, reason, operator, at);
    }

    /** A mat and lap as people write them: {@code 25K}, {@code LOOP#3}. */
    record Crossing(String mat, Integer lap) {
        static Crossing parse(final String text, final String option) {
            final int hash = text.indexOf('#');
            if (hash < 0) {
                return new Crossing(text, null);
            }
            try {
                return new Crossing(text.substring(0, hash), Integer.parseInt(text.substring(hash + 1)));
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes MAT or MAT#LAP, e.g. LOOP#3; got '" + text + "'", e);
            }
        }
    }
}
