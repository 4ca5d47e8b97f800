package io.racetracker.cli;

import io.racetracker.cli.verify.Books;
import io.racetracker.cli.verify.Books.Account;
import io.racetracker.cli.verify.Books.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check the books after (or during) a race, read for read: every read on race-splits, by its"
                + " partition and offset, must be exactly one of a projection naming it, a counted duplicate of an"
                + " accepted read, or a dead letter naming it; every finisher has a result with the finish time;"
                + " no alert, result or leaderboard names an athlete without accepted reads.",
            "Reads inputs and outputs with read_committed, prints per race what is missing, doubled or inconsistent,"
                + " with the partition and offset, and exits 1 when anything is off."})
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--race", paramLabel = "RACE", description = "Only this race.")
    String race;

    @Option(names = "--wait-seconds", paramLabel = "N", defaultValue = "0",
            description = "Check again until the books balance or N seconds pass (the streams app may still be"
                    + " catching up; default ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Option(names = "--timeout-seconds", paramLabel = "N", defaultValue = "60",
            description = "How long each topic may take to read, Kafka's answers included (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--show", paramLabel = "N", defaultValue = "20",
            description = "Problems to list per race (default ${DEFAULT-VALUE}).")
    int show;

    @Override
    public Integer call() throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
        Books books = read();
        while (!balanced(books) && System.nanoTime() < deadline) {
            TimeUnit.SECONDS.sleep(1);
            books = read();
        }
        System.out.printf("%-24s %9s %10s %9s %11s %13s %9s%n", "race", "athletes", "reads", "accepted", "duplicates",
                "dead letters", "problems");
        for (final Map.Entry<String, Map<String, Account>> entry : books.byRace().entrySet()) {
            if (race != null && !race.equals(entry.getKey())) {
                continue;
            }
            final Account total = books.total(entry.getKey());
            System.out.printf("%-24s %9d %10d %9d %11d %13d %9d%n", entry.getKey(), entry.getValue().size(),
                    total.inputs(), total.accepted(), total.duplicates(), total.deadLetters(),
                    books.problems(entry.getKey()).size());
        }
        final Map<String, List<Problem>> byRace = new TreeMap<>();
        books.problems().stream().filter(p -> race == null || race.equals(p.race()))
                .forEach(p -> byRace.computeIfAbsent(p.race(), r -> new ArrayList<>()).add(p));
        for (final Map.Entry<String, List<Problem>> entry : byRace.entrySet()) {
            final Map<Books.Kind, Long> kinds = entry.getValue().stream()
                    .collect(Collectors.groupingBy(Problem::kind, TreeMap::new, Collectors.counting()));
            System.out.printf("%s: %s%n", entry.getKey(), kinds.entrySet().stream()
                    .map(k -> k.getValue() + " " + k.getKey().name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
            entry.getValue().stream().limit(show).forEach(p -> System.out.println("  " + p));
            if (entry.getValue().size() > show) {
                System.out.printf("  ... and %d more%n", entry.getValue().size() - show);
            }
        }
        if (balanced(books)) {
            System.out.println("The books balance: every read is accounted for.");
            return 0;
        }
        System.out.println("The books do NOT balance.");
        return 1;
    }

    private Books read() {
        return Books.read(kafka.layered(Map.of()), Duration.ofSeconds(timeoutSeconds));
    }

    private boolean balanced(final Books books) {
        return race == null ? books.balance() : books.problems(race).isEmpty();
    }
}
