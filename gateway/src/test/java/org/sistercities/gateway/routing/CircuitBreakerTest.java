package org.sistercities.gateway.routing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong(1);
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), now::get);

    @Test
    void opensAfterTheThresholdOfConsecutiveFailures() {
        breaker.onFailure();
        breaker.onFailure();
        breaker.onSuccess();
        breaker.onFailure();
        breaker.onFailure();
        assertTrue(breaker.tryAcquire(), "a success in between resets the count");
        breaker.onFailure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.tryAcquire());
    }

    @Test
    void letsOneTrialThroughAfterTheOpenPeriodAndClosesOnItsSuccess() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure();
        }
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
        assertTrue(breaker.tryAcquire());
        assertFalse(breaker.tryAcquire(), "only one trial at a time");
        breaker.onSuccess();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.tryAcquire());
    }

    @Test
    void aFailedTrialOpensItAgain() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure();
        }
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertTrue(breaker.tryAcquire());
        breaker.onFailure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.tryAcquire());
    }

    @Test
    void aRefusalSaysHowManySecondsRemainUntilTheTrial() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure();
        }
        assertEquals(10, breaker.secondsUntilTrial());
        now.addAndGet(Duration.ofMillis(8_500).toNanos());
        assertEquals(2, breaker.secondsUntilTrial(), "rounded up: a client waiting 1 s would still be refused");
        now.addAndGet(Duration.ofMillis(1_500).toNanos());
        assertTrue(breaker.tryAcquire());
        assertEquals(10, breaker.secondsUntilTrial(), "while the trial runs, until another trial may start");
    }
}
