package org.sistercities.platform.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of the expected business failures that domain and service code raises. It names a {@link ProblemType},
 * never an HTTP type: the single {@link ProblemExceptionMappers} turns it into a response.
 */
public class DomainException extends RuntimeException {

    private final ProblemType type;
    private final String field;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    public DomainException(ProblemType type, String detail) {
        this(type, detail, null);
    }

    public DomainException(ProblemType type, String detail, String field) {
        super(detail, null, false, false);
        this.type = type;
        this.field = field;
    }

    public static DomainException notFound(String what, Object id) {
        return new DomainException(ProblemType.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static DomainException forbidden(String detail) {
        return new DomainException(ProblemType.FORBIDDEN, detail);
    }

    public static DomainException conflict(String detail) {
        return new DomainException(ProblemType.CONFLICT, detail);
    }

    public static DomainException invalid(String field, String detail) {
        return new DomainException(ProblemType.VALIDATION, detail, field);
    }

    public static DomainException preconditionFailed(String detail) {
        return new DomainException(ProblemType.PRECONDITION_FAILED, detail);
    }

    /** Adds a problem extension member, e.g. the current status on an illegal transition. */
    public DomainException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public ProblemType type() {
        return type;
    }

    public String field() {
        return field;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
