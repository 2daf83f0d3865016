package org.sistercities.notifications.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What follows an attempt. A fixed schedule of delays rather than the email queue's exponential {@link
 * org.sistercities.notifications.email.Backoff}: webhook receivers expect Svix's well-known timetable, and
 * {@code Retry-After} can stretch one step of it.
 */
public final class RetrySchedule {

    public enum Verdict { DELIVERED, RETRY, FAILED, ENDPOINT_GONE }

    public record Decision(Verdict verdict, Instant nextAttemptAt) {
    }

    private final List<Duration> delays;
    private final double jitter;
    private final Duration maxRetryAfter;

    public RetrySchedule(List<Duration> delays, double jitter, Duration maxRetryAfter) {
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("sci.webhooks.schedule needs at least one delay");
        }
        this.delays = List.copyOf(delays);
        this.jitter = jitter;
        this.maxRetryAfter = maxRetryAfter;
    }

    /** Delay before the first attempt. */
    public Duration first() {
        return jittered(delays.get(0));
    }

    /**
     * @param attempts   attempts made so far, the one just finished included
     * @param status     the response status, or null where no response came (timeout, refused, connection error)
     * @param retryAfter the response's {@code Retry-After} header, or null
     */
    public Decision decide(int attempts, Integer status, String retryAfter, Instant now) {
        if (status != null && status >= 200 && status < 300) {
            return new Decision(Verdict.DELIVERED, null);
        }
        if (status != null && status == 410) {
            return new Decision(Verdict.ENDPOINT_GONE, null);
        }
        if (attempts >= delays.size()) {
            return new Decision(Verdict.FAILED, null);
        }
        Duration delay = jittered(delays.get(attempts));
        if (status != null && (status == 429 || status == 503)) {
            // Honouring means not coming back earlier than asked; the schedule still sets the least wait.
            Optional<Duration> asked = retryAfter(retryAfter, now).map(d -> d.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : d);
            if (asked.isPresent() && asked.get().compareTo(delay) > 0) {
                delay = asked.get();
            }
        }
        return new Decision(Verdict.RETRY, now.plus(delay));
    }

    /** {@code Retry-After} as seconds or as an HTTP date. */
    static Optional<Duration> retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private Duration jittered(Duration delay) {
        long millis = delay.toMillis();
        if (millis == 0 || jitter <= 0) {
            return delay;
        }
        long spread = (long) (millis * jitter);
        return Duration.ofMillis(millis - spread + ThreadLocalRandom.current().nextLong(2 * spread + 1));
    }
}
