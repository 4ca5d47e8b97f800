package io.racetracker.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FinishForecastTest {

    @Test
    void atTheFinishTheForecastIsTheActualTimeWithNoSpread() {
        final FinishForecast finish = FinishForecast.finished(7_180_200);
        assertEquals(7_180_200, finish.projectedFinishMs());
        assertEquals(7_180_200, finish.quantileMs(0.1));
        assertEquals(7_180_200, finish.quantileMs(0.9));
        assertEquals(1.0, finish.probabilityUnder(7_200_000));
        assertEquals(0.0, finish.probabilityUnder(7_000_000));
    }

    @Test
    void theMedianIsEvenOddsAndQuantilesAreOrdered() {
        final FinishForecast forecast = new FinishForecast(3_600_000, 3_600_000, 0.05);
        assertEquals(0.5, forecast.probabilityUnder(7_200_000), 1e-9);
        assertTrue(forecast.quantileMs(0.1) < forecast.projectedFinishMs());
        assertTrue(forecast.projectedFinishMs() < forecast.quantileMs(0.9));
        assertEquals(0.9, forecast.probabilityUnder(forecast.quantileMs(0.9)), 1e-3);
    }

    @Test
    void aTargetAlreadyPassedCannotBeMet() {
        assertEquals(0.0, new FinishForecast(7_300_000, 100_000, 0.05).probabilityUnder(7_200_000));
    }
}
