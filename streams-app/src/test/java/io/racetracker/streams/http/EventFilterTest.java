package io.racetracker.streams.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.racetracker.streams.http.EventFilter.BadRequestException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventFilterTest {
    private static FeedEvent event(final Kind kind, final String race, final String athlete) {
        return new FeedEvent(kind, "t:0:1", race, athlete, athlete, "{}");
    }

    @Test
    void noParametersMeanEverything() {
        final EventFilter filter = EventFilter.parse(Map.of());
        assertEquals(EnumSet.allOf(Kind.class), filter.kinds());
        assertTrue(filter.accepts(event(Kind.ALERT, "any", "one")));
    }

    @Test
    void everyGivenConditionMustHoldAndLeaderboardsPassTheAthleteCondition() {
        final EventFilter filter = EventFilter.parse(Map.of("race", List.of("vienna-2019"),
                "athlete", List.of("eliud-kipchoge"), "kind", List.of("state,leaderboard")));
        assertTrue(filter.accepts(event(Kind.STATE, "vienna-2019", "eliud-kipchoge")));
        assertTrue(filter.accepts(event(Kind.LEADERBOARD, "vienna-2019", null)));
        assertFalse(filter.accepts(event(Kind.STATE, "vienna-2019", "pacer-1a")));
        assertFalse(filter.accepts(event(Kind.STATE, "monza-2017", "eliud-kipchoge")));
        assertFalse(filter.accepts(event(Kind.PROJECTION, "vienna-2019", "eliud-kipchoge")));
    }

    @Test
    void unknownKindNamesTheValidOnes() {
        final BadRequestException e = assertThrows(BadRequestException.class,
                () -> EventFilter.parse(Map.of("kind", List.of("state,splits"))));
        assertEquals("unknown kind 'splits'; valid kinds: projection,state,leaderboard,alert,broadcast,result", e.getMessage());
    }

    @Test
    void oddOrLongIdsAndUnknownParametersAreRefused() {
        assertThrows(BadRequestException.class, () -> EventFilter.parse(Map.of("athlete", List.of("x".repeat(65)))));
        assertThrows(BadRequestException.class, () -> EventFilter.parse(Map.of("race", List.of("<script>"))));
        assertThrows(BadRequestException.class, () -> EventFilter.parse(Map.of("race", List.of(""))));
        assertThrows(BadRequestException.class, () -> EventFilter.parse(Map.of("race", List.of("../etc"))));
        final BadRequestException e = assertThrows(BadRequestException.class,
                () -> EventFilter.parse(Map.of("since", List.of("1"))));
        assertTrue(e.getMessage().contains("unknown parameter 'since'"), e.getMessage());
    }

    @Test
    void quotedValuesLoseControlCharactersAndLength() {
        assertEquals("ab", EventFilter.printable("a\nb"));
        assertEquals("x".repeat(40) + "...", EventFilter.printable("x".repeat(100)));
    }
}
