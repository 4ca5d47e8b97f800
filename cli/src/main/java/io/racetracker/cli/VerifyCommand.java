package io.racetracker.cli;

import io.racetracker.cli.verify.Books;
import io.racetracker.cli.verify.Books.Account;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check the books after (or during) a race: every read on race-splits must be an accepted split,"
                + " a counted duplicate or a dead letter with its reason.",
            "Reads inputs and outputs with read_committed, prints per race and athlete whether the books balance,"
                + " and exits 1 when they do not."})
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
            description = "Unbalanced athletes to list (default ${DEFAULT-VALUE}).")
    int show;

    @Override
    public Integer call() throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
        Books books = read();
        while (!balanced(books) && System.nanoTime() < deadline) {
            TimeUnit.SECONDS.sleep(1);
            books = read();
        }
        System.out.printf("%-24s %9s %10s %9s %11s %13s %11s%n", "race", "athletes", "reads", "accepted", "duplicates",
                "dead letters", "unbalanced");
        for (final Map.Entry<String, Map<String, Account>> entry : books.byRace().entrySet()) {
            if (race != null && !race.equals(entry.getKey())) {
                continue;
            }
            final Account total = books.total(entry.getKey());
            final long unbalanced = entry.getValue().values().stream().filter(a -> !a.balances()).count();
            System.out.printf("%-24s %9d %10d %9d %11d %13d %11d%n", entry.getKey(), entry.getValue().size(),
                    total.inputs(), total.accepted(), total.duplicates(), total.deadLetters(), unbalanced);
        }
        int listed = 0;
        for (final Map.Entry<String, Map<String, Account>> entry : books.byRace().entrySet()) {
            for (final Map.Entry<String, Account> athlete : entry.getValue().entrySet()) {
                if (!athlete.getValue().balances() && (race == null || race.equals(entry.getKey())) && listed++ < show) {
                    final Account a = athlete.getValue();
                    System.out.printf("  %s / %s: %d reads, but %d accepted + %d duplicates + %d dead letters%n",
                            entry.getKey(), athlete.getKey(), a.inputs(), a.accepted(), a.duplicates(), a.deadLetters());
                }
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
        return race == null ? books.balance() : books.byRace().getOrDefault(race, Map.of()).values().stream()
                .allMatch(Account::balances);
    }
}
