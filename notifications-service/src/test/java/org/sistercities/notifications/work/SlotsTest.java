package org.sistercities.notifications.work;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlotsTest {

    @Test
    void aReleaseWakesARoundOnlyWhenOneFoundNoSlotFree() {
        Slots slots = new Slots(2);
        slots.take(1);

        assertThat(slots.free()).isEqualTo(1);
        assertThat(slots.release(1)).isFalse();

        slots.take(2);
        assertThat(slots.free()).isZero();
        assertThat(slots.release(1)).isTrue();
        assertThat(slots.release(1)).isFalse();
        assertThat(slots.inFlight()).isZero();
    }

    @Test
    void aRoundStoppedByAnotherBoundIsWokenByTheNextRelease() {
        Slots slots = new Slots(10);
        slots.take(3);

        slots.waitFor();

        assertThat(slots.release(1)).isTrue();
        assertThat(slots.release(1)).isFalse();
        assertThat(slots.free()).isEqualTo(9);
    }

    @Test
    void moreInFlightThanTheCapacityLeavesNoneFree() {
        Slots slots = new Slots(1);
        slots.take(3);

        assertThat(slots.free()).isZero();
        assertThat(slots.release(3)).isTrue();
        assertThat(slots.free()).isEqualTo(1);
    }
}
