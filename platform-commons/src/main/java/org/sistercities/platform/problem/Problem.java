package org.sistercities.platform.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail, the body of every error response on the platform.
 * <p>
 * {@code type} is a stable URI that clients may switch on; {@code title} is the same for every occurrence of
 * that type; {@code detail} explains this occurrence. Extension members (the current status on a 409, the
 * offending fields on a 400) travel in {@link #extensions()} and are written as top-level members.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance,
                      List<FieldError> errors, @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://sistercities.org/problems/";

    public Problem {
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
        errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, null, null);
    }

    public Problem withInstance(String instance) {
        return new Problem(type, title, status, detail, instance, errors, extensions);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors, extensions);
    }

    public Problem withExtension(String name, Object value) {
        Map<String, Object> merged = new LinkedHashMap<>(extensions);
        merged.put(name, value);
        return new Problem(type, title, status, detail, instance, errors, merged);
    }

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions;
    }

    /** One invalid input: {@code field} is a JSON pointer-like path such as {@code reasonCategory} or {@code contacts[0].email}. */
    public record FieldError(String field, String message) {
    }
}
