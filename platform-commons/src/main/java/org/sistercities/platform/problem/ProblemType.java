package org.sistercities.platform.problem;

import java.net.URI;

/**
 * The catalogue of problem types every service shares, so that a client sees the same {@code type} URI for
 * the same kind of failure whichever service produced it.
 */
public enum ProblemType {
    VALIDATION("validation", "The request is not valid", 400),
    MALFORMED_REQUEST("malformed-request", "The request body could not be read", 400),
    UNAUTHORIZED("unauthorized", "Authentication is required", 401),
    FORBIDDEN("forbidden", "You may not perform this action", 403),
    NOT_FOUND("not-found", "The resource does not exist", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "The method is not allowed on this resource", 405),
    NOT_ACCEPTABLE("not-acceptable", "No acceptable representation", 406),
    CONFLICT("conflict", "The request conflicts with the current state", 409),
    ILLEGAL_STATUS_TRANSITION("illegal-status-transition", "The status change is not allowed", 409),
    PRECONDITION_FAILED("precondition-failed", "The resource has changed since you read it", 412),
    PRECONDITION_REQUIRED("precondition-required", "This request must be conditional", 428),
    PAYLOAD_TOO_LARGE("payload-too-large", "The request body is too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "The media type is not supported", 415),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "The Idempotency-Key was used with a different request", 422),
    UNPROCESSABLE("unprocessable", "The request cannot be processed", 422),
    RATE_LIMITED("rate-limited", "Too many requests", 429),
    SERVICE_UNAVAILABLE("service-unavailable", "The service is temporarily unavailable", 503),
    INTERNAL("internal", "An unexpected error occurred", 500);

    private final URI uri;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.uri = URI.create(Problem.TYPE_BASE + slug);
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

    /** The generic type for a bare HTTP status raised by the framework (unknown route, wrong method...). */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 412 -> PRECONDITION_FAILED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> UNPROCESSABLE;
            case 428 -> PRECONDITION_REQUIRED;
            case 429 -> RATE_LIMITED;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : MALFORMED_REQUEST;
        };
    }
}
