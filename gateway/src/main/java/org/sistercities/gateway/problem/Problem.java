package org.sistercities.gateway.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URI;
import java.util.List;

/** An RFC 9457 problem detail in the platform's shape (same members as the services' problems). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, String requestId,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemType type, String detail, String instance, String requestId) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, requestId, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, requestId, List.copyOf(fieldErrors));
    }

    /** One invalid input, named by its JSON member path. */
    public record FieldError(String field, String message) {
    }
}
