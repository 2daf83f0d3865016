package org.sistercities.gateway.ratelimit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBucketAllowsItsBurstThenRefusesUntilRefilled() {
        TokenBucket bucket = new TokenBucket(3, 60, 0);
        assertTrue(bucket.take(0).allowed());
        assertTrue(bucket.take(0).allowed());
        TokenBucket.Decision last = bucket.take(0);
        assertTrue(last.allowed());
        assertEquals(0, last.remaining());
        TokenBucket.Decision refused = bucket.take(0);
        assertFalse(refused.allowed());
        assertEquals(1, refused.retryAfterSeconds());
        assertEquals(3, refused.resetSeconds());
        assertTrue(bucket.take(SECOND).allowed(), "60 per minute refills one token a second");
    }

    @Test
    void refillNeverExceedsCapacity() {
        TokenBucket bucket = new TokenBucket(2, 600, 0);
        assertEquals(1, bucket.take(3600 * SECOND).remaining());
    }
}
