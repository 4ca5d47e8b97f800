package io.racetracker.producer.scenario;

import io.racetracker.core.event.Athlete;
import io.racetracker.core.event.Course;
import io.racetracker.core.event.Sex;
import io.racetracker.core.event.SplitEvent;
import io.racetracker.core.event.TimingPoint;
import io.racetracker.core.race.RaceTime;
import io.racetracker.producer.mass.MassField;
import io.racetracker.producer.mass.MassFieldModel;
import io.racetracker.producer.wire.WireFaults;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The London Marathon, 23 April 2023: the elite women (08:30 BST), the elite men (10:00 BST) and a mass field behind
 * them in start waves.
 *
 * <p>Men: Kelvin Kiptum's course record 2:01:25 with a negative split (the lead group through half in 1:01:40, 30 km
 * in 1:27:23, then 5 km segments of 13:49 and 14:01); Geoffrey Kamworor 2nd in 2:04:23; Emile Cairess 6th in 2:08:07;
 * Phil Sesemann 8th in 2:10:23; Mo Farah 9th in 2:10:28. Women: Sifan Hassan wins in 2:18:33 after dropping 28 s
 * behind the leaders by 25 km and reeling them in over the last miles. Places and finish times of the named
 * athletes are the published ones; their other splits are reconstructed around the published facts. Tamirat Tola
 * (3rd), Leul Gebresilase (4th), Alemu Megertu (2nd) and Peres Jepchirchir (3rd) are placed as remembered from the
 * published results; every athlete named {@code Elite M5}, {@code Elite W7}, ... is a placeholder for a place not
 * given here.
 */
public final class London2023 {
    public static final String RACE_ID = "london-2023";
    public static final Instant WOMEN_START = Instant.parse("2023-04-23T07:30:00Z");
    public static final Instant MEN_START = Instant.parse("2023-04-23T09:00:00Z");
    /** Course record before the race: Kipchoge, 2019. */
    public static final long MEN_COURSE_RECORD_MS = RaceTime.parse("2:02:37");
    /** Women-only world record, set in London 2017 (Keitany): the mark for a women-only elite start. */
    public static final long WOMEN_ONLY_RECORD_MS = RaceTime.parse("2:17:01");
    public static final MassField.Waves MASS_WAVES = new MassField.Waves(MEN_START.plus(Duration.ofMinutes(5)),
            Duration.ofMinutes(12), 8_000, Duration.ofMinutes(10));
    public static final int FIRST_MASS_BIB = 1_001;

    private static final String[] SPLIT_IDS = {"5K", "10K", "15K", "20K", "HALF", "25K", "30K", "35K", "40K", "FINISH"};

    /** An elite entry: id, bib, name, country, age, and either a full split row or a finish time and a fade. */
    record Elite(String id, String bib, String name, String country, Integer age, String[] splits, String finish,
                 double fade) {
        static Elite splits(final String id, final String bib, final String name, final String country,
                            final Integer age, final String... splits) {
            return new Elite(id, bib, name, country, age, splits, null, 0);
        }

        static Elite fading(final String id, final String bib, final String name, final String country,
                            final Integer age, final String finish, final double fade) {
            return new Elite(id, bib, name, country, age, null, finish, fade);
        }
    }

    static final List<Elite> MEN = List.of(
            Elite.splits("kelvin-kiptum", "1", "Kelvin Kiptum", "KEN", 23,
                    "14:37", "29:14", "43:51", "58:28", "1:01:40", "1:12:56", "1:27:23", "1:41:12", "1:55:13", "2:01:25"),
            Elite.splits("geoffrey-kamworor", "2", "Geoffrey Kamworor", "KEN", 30,
                    "14:37", "29:14", "43:51", "58:29", "1:01:41", "1:12:58", "1:27:26", "1:42:10", "1:57:45", "2:04:23"),
            Elite.splits("tamirat-tola", "3", "Tamirat Tola", "ETH", 31,
                    "14:37", "29:15", "43:52", "58:30", "1:01:42", "1:13:00", "1:27:40", "1:42:35", "1:58:12", "2:04:59"),
            Elite.splits("leul-gebresilase", "4", "Leul Gebresilase", "ETH", 30,
                    "14:38", "29:16", "43:54", "58:35", "1:01:48", "1:13:15", "1:28:10", "1:43:15", "1:58:50", "2:05:45"),
            Elite.fading("elite-m5", "5", "Elite M5", null, null, "2:07:31", 0.03),
            Elite.fading("emile-cairess", "6", "Emile Cairess", "GBR", 25, "2:08:07", 0.0),
            Elite.fading("elite-m7", "7", "Elite M7", null, null, "2:09:20", 0.04),
            Elite.fading("phil-sesemann", "8", "Phil Sesemann", "GBR", 30, "2:10:23", -0.01),
            Elite.fading("mo-farah", "9", "Mo Farah", "GBR", 40, "2:10:28", 0.03),
            Elite.fading("elite-m10", "10", "Elite M10", null, null, "2:10:51", 0.02));

    private static final String[] WOMEN_LEADERS = {
        "16:20", "32:40", "49:05", "1:05:35", "1:09:12", "1:21:55", "1:38:22", "1:54:45",
    };

    static final List<Elite> WOMEN = List.of(
            Elite.splits("sifan-hassan", "101", "Sifan Hassan", "NED", 30,
                    "16:21", "32:41", "49:06", "1:05:36", "1:09:24", "1:22:23", "1:38:52", "1:55:10", "2:11:15", "2:18:33"),
            Elite.splits("alemu-megertu", "102", "Alemu Megertu", "ETH", 26, leaders("2:11:14", "2:18:37")),
            Elite.splits("peres-jepchirchir", "103", "Peres Jepchirchir", "KEN", 29, leaders("2:11:15", "2:18:38")),
            Elite.splits("elite-w4", "104", "Elite W4", null, null, leaders("2:11:20", "2:18:51")),
            Elite.fading("elite-w5", "105", "Elite W5", null, null, "2:19:20", 0.01),
            Elite.fading("elite-w6", "106", "Elite W6", null, null, "2:20:12", 0.02),
            Elite.fading("elite-w7", "107", "Elite W7", null, null, "2:21:30", 0.03),
            Elite.fading("elite-w8", "108", "Elite W8", null, null, "2:22:45", 0.03),
            Elite.fading("elite-w9", "109", "Elite W9", null, null, "2:23:50", 0.04),
            Elite.fading("elite-w10", "110", "Elite W10", null, null, "2:25:05", 0.05));

    private London2023() {
    }

    private static String[] leaders(final String at40k, final String finish) {
        final String[] row = new String[SPLIT_IDS.length];
        System.arraycopy(WOMEN_LEADERS, 0, row, 0, WOMEN_LEADERS.length);
        row[8] = at40k;
        row[9] = finish;
        return row;
    }

    /** The course, from its race file ({@code races/london-2023.yaml}). */
    public static Course course() {
        return ShippedRaces.course(RACE_ID);
    }

    /** Elite chip times by crossing: the split row as given, or a fade from the finish time, to whole seconds. */
    static Map<String, Long> times(final Course course, final Elite elite) {
        final Map<String, Long> times = new LinkedHashMap<>();
        if (elite.splits() != null) {
            for (int i = 0; i < SPLIT_IDS.length; i++) {
                times.put(SPLIT_IDS[i], RaceTime.parse(elite.splits()[i]));
            }
            return times;
        }
        final long finishMs = RaceTime.parse(elite.finish());
        for (final TimingPoint point : course.timingPoints()) {
            final double x = point.distanceM() / course.distanceM();
            // a positive fade runs the first part faster than the average pace, and the end slower
            final double fraction = x * (1 - elite.fade() * (1 - x));
            times.put(point.crossingId(), Math.round(finishMs * fraction / 1000.0) * 1000);
        }
        return times;
    }

    public static List<Athlete> elites() {
        final List<Athlete> athletes = new ArrayList<>();
        MEN.forEach(e -> athletes.add(new Athlete(e.id(), RACE_ID, e.bib(), e.name(), e.country(), Sex.M, "ELITE-M",
                e.age(), MEN_COURSE_RECORD_MS, false)));
        WOMEN.forEach(e -> athletes.add(new Athlete(e.id(), RACE_ID, e.bib(), e.name(), e.country(), Sex.F, "ELITE-F",
                e.age(), WOMEN_ONLY_RECORD_MS, false)));
        return athletes;
    }

    static List<SplitEvent> eliteReads(final Course course) {
        final List<SplitEvent> reads = new ArrayList<>();
        final List<Athlete> athletes = elites();
        for (int i = 0; i < athletes.size(); i++) {
            final boolean man = i < MEN.size();
            final Elite elite = man ? MEN.get(i) : WOMEN.get(i - MEN.size());
            reads.addAll(SplitSheet.reads(course, athletes.get(i), man ? MEN_START : WOMEN_START, times(course, elite)));
        }
        reads.sort(Comparator.comparing(SplitEvent::readAt));
        return List.copyOf(reads);
    }

    /** The elite fields and {@code runners} mass runners sampled with {@code seed}. */
    public static Scenario scenario(final int runners, final long seed) {
        final Course course = course();
        final List<SplitEvent> elite = eliteReads(course);
        final MassField mass = MassField.sample(MassFieldModel.load(), course, runners, seed, MASS_WAVES,
                FIRST_MASS_BIB);
        final List<Athlete> athletes = new ArrayList<>(elites());
        athletes.addAll(mass.athletes());
        return new Scenario(RACE_ID, course, athletes, elite.size() + mass.readCount(),
                elites().size() + runners, () -> new MergedReads(List.of(elite.iterator(), mass.reads())),
                WireFaults.NONE);
    }
}
