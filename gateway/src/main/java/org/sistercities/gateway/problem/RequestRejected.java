package org.sistercities.gateway.problem;

import java.util.List;

/** A request the gateway's own endpoints refuse; {@link ProblemExceptionMapper} turns it into a problem. */
public class RequestRejected extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.FieldError> errors;

    public RequestRejected(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public RequestRejected(ProblemType type, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public static RequestRejected invalid(String field, String message) {
        return new RequestRejected(ProblemType.VALIDATION, message, List.of(new Problem.FieldError(field, message)));
    }

    public ProblemType type() {
        return type;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
