package org.sistercities.gateway.problem;

import java.net.URI;

/** The problem types the gateway itself answers with; services answer with their own on the same URI base. */
public enum ProblemType {
    // Titles as in platform-commons' catalogue: one type URI, one title, whichever side of the gateway answers.
    VALIDATION("validation", "The request is not valid", 400),
    MALFORMED_REQUEST("malformed-request", "The request body could not be read", 400),
    UNAUTHORIZED("unauthorized", "Authentication is required", 401),
    FORBIDDEN("forbidden", "You may not perform this action", 403),
    NOT_FOUND("not-found", "The resource does not exist", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "The method is not allowed on this resource", 405),
    NOT_ACCEPTABLE("not-acceptable", "No acceptable representation", 406),
    CONFLICT("conflict", "The request conflicts with the current state", 409),
    PAYLOAD_TOO_LARGE("payload-too-large", "The request body is too large", 413),
    URI_TOO_LONG("uri-too-long", "The request target is too long", 414),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "The media type is not supported", 415),
    RATE_LIMITED("rate-limited", "Too many requests", 429),
    HEADER_FIELDS_TOO_LARGE("header-fields-too-large", "The request headers are too large", 431),
    INTERNAL("internal", "An unexpected error occurred", 500),
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

    /** The type for a bare status raised by the framework (unknown route, body limit, wrong method...). */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && type != VALIDATION) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : MALFORMED_REQUEST;
    }
}
