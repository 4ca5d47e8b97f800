package io.racetracker.core.results;

import java.util.Locale;

/** The layouts of published results files that {@link ResultsReader} understands. */
public enum ResultsFormat {
    /**
     * Boston Marathon: comma-separated, header {@code bib,age,sex,5K,10K,15K,20K,Half,25K,30K,35K,40K,finish},
     * cumulative chip times as {@code H:MM:SS}, {@code -} for a mat with no read.
     */
    BOSTON,
    /**
     * Berlin, Chicago and London (the dashathon layout): pipe-separated, header
     * {@code year|bib|age_group|gender|...|5k|10k|15k|20k|half|25k|30k|35k|40k|finish}, cumulative times in seconds,
     * {@code 0.0} or {@code NaN} for no read.
     */
    MAJORS;

    /** {@code boston} or {@code majors}, any case. */
    public static ResultsFormat parse(final String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown results format '" + text + "': expected boston or majors", e);
        }
    }
}
