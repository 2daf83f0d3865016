package org.sistercities.notifications.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private final RetrySchedule svix = new RetrySchedule(List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10)),
            0.2, Duration.ofHours(1));

    @Test
    void aSuccessIsDeliveredAndGoneStopsForGood() {
        assertThat(svix.decide(1, 204, null, NOW).verdict()).isEqualTo(RetrySchedule.Verdict.DELIVERED);
        assertThat(svix.decide(1, 410, null, NOW).verdict()).isEqualTo(RetrySchedule.Verdict.ENDPOINT_GONE);
    }

    @Test
    void failuresFollowTheScheduleWithinTheJitterAndFailAfterTheLastStep() {
        assertThat(svix.first()).isZero();
        assertThat(Duration.between(NOW, svix.decide(1, 500, null, NOW).nextAttemptAt()))
                .isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
        assertThat(Duration.between(NOW, svix.decide(2, null, null, NOW).nextAttemptAt()))
                .isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6));
        assertThat(Duration.between(NOW, svix.decide(7, 302, null, NOW).nextAttemptAt()))
                .isBetween(Duration.ofHours(8), Duration.ofHours(12));
        assertThat(svix.decide(8, 500, null, NOW).verdict()).isEqualTo(RetrySchedule.Verdict.FAILED);
    }

    @Test
    void retryAfterOn429Or503StretchesTheWaitButNeverShortensItAndIsCapped() {
        assertThat(svix.decide(1, 429, "120", NOW).nextAttemptAt()).isEqualTo(NOW.plusSeconds(120));
        assertThat(svix.decide(1, 503, "Sun, 29 Nov 2026 10:10:00 GMT", NOW).nextAttemptAt()).isEqualTo(NOW.plusSeconds(600));
        assertThat(Duration.between(NOW, svix.decide(2, 429, "1", NOW).nextAttemptAt())).isGreaterThan(Duration.ofMinutes(3));
        assertThat(svix.decide(1, 429, "86400", NOW).nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(Duration.between(NOW, svix.decide(1, 500, "120", NOW).nextAttemptAt())).isLessThan(Duration.ofSeconds(7));
        assertThat(Duration.between(NOW, svix.decide(1, 429, "soon", NOW).nextAttemptAt())).isLessThan(Duration.ofSeconds(7));
    }
}
