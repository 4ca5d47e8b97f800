package io.racetracker.core.passings;

/** The passings file formats {@link PassingsReader} reads, told apart by a file's first line. */
public enum PassingsFormat {
    /**
     * A header line naming the columns {@code chip}, {@code timing_point} and {@code time} (any case, any order, with
     * optional {@code reader} and {@code seq}), delimited by {@code ,} or {@code ;}, then one read per line.
     * {@code time} is a time of day in the race's zone ({@code HH:MM:SS} with an optional fraction), a local date and
     * time ({@code 2026-11-29T09:01:02.5}) or an ISO-8601 instant ({@code 2026-11-29T08:01:02Z},
     * {@code 2026-11-29T09:01:02+01:00}).
     */
    GENERIC_CSV,

    /**
     * The passing record of RACE RESULT decoders, as documented in RACE RESULT's knowledge base, "Decoder
     * Communication Protocol", section "Passing Record" (raceresult.com/en-us/support/kbexport2?id=487), and written to
     * files by RACE RESULT 12's "Raw Data Record V2" exporter (kbexport2?id=15788). No header; fields separated by
     * {@code ;}:
     * <pre>
     * PassingNo;Bib/TranspCode;Date;Time;EventID;Hits;MaxRSSI;InternalData;IsActive;Channel;LoopID;LoopOnly;
     * WakeupCounter;Battery;Temperature;InternalActiveData;BoxName;FileNumber;MaxRSSIAntenna;BoxId
     * </pre>
     * Read here: {@code PassingNo} (the decoder's number of the read, from 1) as the sequence, {@code Bib/TranspCode}
     * as the chip, {@code Date} ({@code yyyy-MM-dd}; {@code 0000-00-00} and up, or empty, when the decoder has no
     * date: then the time is a time of day on the race's date) and {@code Time} ({@code hh:mm:ss.kkk}, the decoder's
     * local time) as the time, {@code BoxName} (else {@code BoxId}) as the reader. A decoder does not know which
     * mat it serves: the timing point is the one configured for its box name or id, else the file's default timing
     * point, else the box name itself. Older protocol versions end after {@code Time}'s first seven fields; such
     * lines need a default timing point.
     */
    RACE_RESULT
}
