package org.sistercities.gateway.problem;

import java.net.URI;

/** The problem types the gateway itself answers with; services answer with their own on the same URI base. */
public enum ProblemType {
    VALIDATION("validation", "Invalid request", 400),
    UNAUTHORIZED("unauthorized", "Authentication required", 401),
    FORBIDDEN("forbidden", "Not allowed", 403),
    NOT_FOUND("not-found", "Not found", 404),
    CONFLICT("conflict", "Conflict", 409),
    PAYLOAD_TOO_LARGE("payload-too-large", "Request body too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    RATE_LIMITED("rate-limited", "Too many requests", 429),
    INTERNAL("internal", "Internal error", 500),
    BAD_GATEWAY("bad-gateway", "Bad gateway", 502),
    UPSTREAM_UNAVAILABLE("upstream-unavailable", "Service unavailable", 503),
    UPSTREAM_TIMEOUT("upstream-timeout", "Service did not answer in time", 504);

    public static final String BASE = "https://sistercities.org/problems/";

    private final URI uri;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.uri = URI.create(BASE + slug);
        this.title = title;
        this.status = status;
    }

    public URI uri() {
        return uri;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
