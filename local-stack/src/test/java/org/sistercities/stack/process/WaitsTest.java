package org.sistercities.stack.process;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitsTest {

    @Test
    void returnsOnceTheConditionHoldsAndTreatsFailuresAsNotYet() throws TimeoutException {
        AtomicInteger calls = new AtomicInteger();

        Waits.until("the third call", Duration.ofSeconds(5), () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            return true;
        });

        assertThat(calls).hasValue(3);
    }

    @Test
    void givesUpAtOnceWhenTheWaitIsPointless() {
        long before = System.nanoTime();

        assertThatThrownBy(() -> Waits.until("never", Duration.ofMinutes(1), () -> false, () -> true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("never");
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void timesOutWithTheLastFailureAsCause() {
        assertThatThrownBy(() -> Waits.until("a broken check", Duration.ofMillis(200), () -> {
            throw new IllegalStateException("connection refused");
        })).isInstanceOf(TimeoutException.class).hasMessageContaining("a broken check")
                .hasRootCauseMessage("connection refused");
    }
}
