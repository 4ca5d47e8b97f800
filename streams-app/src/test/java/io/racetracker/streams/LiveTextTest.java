package io.racetracker.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LiveTextTest {
    @Test
    void aShortNameIsTheLastWordInCapitals() {
        assertEquals("KIPCHOGE", LiveText.shortName("Eliud Kipchoge"));
        assertEquals("HASSAN", LiveText.shortName("  Sifan\tHassan  "));
        assertEquals("FARAH", LiveText.shortName("Farah"));
        assertEquals("", LiveText.shortName("   "));
    }
}
