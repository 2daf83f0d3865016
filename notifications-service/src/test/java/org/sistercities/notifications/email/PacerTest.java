package org.sistercities.notifications.email;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PacerTest {

    @Test
    void grantsAtMostOneSecondsWorthAtOnceAndNothingMoreUntilTimePasses() {
        Pacer pacer = new Pacer(10);

        assertThat(pacer.take(100)).isEqualTo(10);
        assertThat(pacer.take(100)).isZero();
    }

    @Test
    void unusedPermitsCanBeGivenBack() {
        Pacer pacer = new Pacer(10);
        pacer.take(10);

        pacer.giveBack(4);

        assertThat(pacer.take(100)).isEqualTo(4);
    }

    @Test
    void backoffDoublesWithinItsBoundsAndNeverExceedsTheMaximum() {
        Duration initial = Duration.ofSeconds(1);
        Duration max = Duration.ofSeconds(10);

        assertThat(Backoff.after(1, initial, max)).isBetween(Duration.ofMillis(500), initial);
        assertThat(Backoff.after(3, initial, max)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(Backoff.after(30, initial, max)).isBetween(Duration.ofSeconds(5), max);
    }
}
