package org.sistercities.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.StaleObjectStateException;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.sistercities.platform.web.RequestIds;

import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one place where a service turns exceptions into RFC 9457 responses. Domain code throws
 * {@link DomainException}s; framework failures (bad JSON, unknown routes, failed authentication, lost
 * optimistic-lock races) are translated here too, so no error ever leaves a service as HTML or a bare 500.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);
    private static final String DATABASE_RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response domain(DomainException e, UriInfo uri) {
        Problem problem = Problem.of(e.type(), e.getMessage());
        if (e.field() != null) {
            problem = problem.withErrors(List.of(new Problem.FieldError(e.field(), e.getMessage())));
        }
        for (var extension : e.extensions().entrySet()) {
            problem = problem.withExtension(extension.getKey(), extension.getValue());
        }
        return respond(problem, uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(err -> err.field() + ": " + err.message()).collect(Collectors.joining("; "));
        return respond(Problem.of(ProblemType.VALIDATION, detail).withErrors(errors), uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = pathOf(mapping);
            String message = mismatchMessage(mapping);
            return respond(Problem.of(ProblemType.VALIDATION, field + " " + message)
                    .withErrors(List.of(new Problem.FieldError(field, message))), uri);
        }
        return respond(Problem.of(ProblemType.MALFORMED_REQUEST, "The body is not well-formed JSON"), uri);
    }

    /** Quarkus ships its own (non-problem) mapper for this subtype: a mapper of the exact type wins over it. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e, UriInfo uri) {
        return lostRace(uri);
    }

    @ServerExceptionMapper
    public Response staleState(StaleObjectStateException e, UriInfo uri) {
        return lostRace(uri);
    }

    @ServerExceptionMapper
    public Response pessimisticLock(PessimisticLockException e, UriInfo uri) {
        return lostRace(uri);
    }

    /**
     * The database cannot be reached (refused, restarting, a pooled connection cut by its restart): the
     * request did nothing, and a retry shortly after will likely succeed. Hibernate wraps SQLState class 08
     * and a failed connection acquisition in this exception.
     */
    @ServerExceptionMapper
    public Response databaseUnavailable(JDBCConnectionException e, UriInfo uri) {
        return databaseUnavailable((Throwable) e, uri);
    }

    private Response databaseUnavailable(Throwable e, UriInfo uri) {
        LOG.warnf("Database unavailable on %s: %s", uri.getPath(), e.getMessage());
        Response problem = respond(Problem.of(ProblemType.SERVICE_UNAVAILABLE,
                "The service's database cannot be reached right now; retry shortly"), uri);
        return Response.fromResponse(problem).header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS).build();
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized("The bearer token is missing, expired or invalid", uri);
    }

    @ServerExceptionMapper
    public Response unauthorizedException(UnauthorizedException e, UriInfo uri) {
        return unauthorized("A valid bearer token is required", uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(ProblemType.FORBIDDEN, "Your role does not allow this action"), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(e, "Framework error on %s", uri.getPath());
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        ProblemType type = ProblemType.forStatus(status);
        String detail = status < 500 && e.getMessage() != null ? e.getMessage() : type.title();
        Problem problem = new Problem(type.uri(), type.title(), status, detail, null, null, null);
        return respond(problem, uri);
    }

    @ServerExceptionMapper(priority = Integer.MAX_VALUE)
    public Response unexpected(Throwable e, UriInfo uri) {
        String sqlState = sqlState(e);
        if (sqlState != null && sqlState.startsWith(DATA_EXCEPTION)) {
            // The database refused a value the request carried (NUL in text, a date past year 294276, a number out
            // of range): the client's input, not our failure. The transaction rolled back, so nothing was written.
            LOG.debugf("Input refused by the database (SQLState %s) on %s", sqlState, uri.getPath());
            return respond(Problem.of(ProblemType.VALIDATION,
                    "A value in the request cannot be stored (out of range, or a character such as NUL that text may not contain)"), uri);
        }
        if (sqlState != null && (sqlState.startsWith(CONNECTION_EXCEPTION) || sqlState.startsWith(SERVER_SHUTTING_DOWN))) {
            // A pooled connection the server is closing (a restart: "terminating connection due to administrator
            // command") reaches us as a generic JDBC error, not as a connection exception: retryable all the same.
            return databaseUnavailable(e, uri);
        }
        // The only place a 500 is produced; it is logged with the request id so an operator can find it.
        LOG.errorf(e, "Unexpected failure on %s", uri.getPath());
        return respond(Problem.of(ProblemType.INTERNAL, "The error was logged with request id " + RequestIds.current()), uri);
    }

    /** SQLState class 22, "data exception" (SQL standard; PostgreSQL's 22021, 22008, 22003...). */
    private static final String DATA_EXCEPTION = "22";
    /** SQLState class 08, "connection exception". */
    private static final String CONNECTION_EXCEPTION = "08";
    /** PostgreSQL's 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up). */
    private static final String SERVER_SHUTTING_DOWN = "57P";

    private static String sqlState(Throwable e) {
        for (Throwable cause = e; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private Response lostRace(UriInfo uri) {
        return respond(Problem.of(ProblemType.CONFLICT,
                "Another request changed this resource at the same time; read it again and retry"), uri);
    }

    private Response unauthorized(String detail, UriInfo uri) {
        return Response.fromResponse(respond(Problem.of(ProblemType.UNAUTHORIZED, detail), uri))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    static Response respond(Problem problem, UriInfo uri) {
        Problem located = problem.withInstance(uri.getPath());
        String requestId = RequestIds.current();
        if (requestId != null) {
            located = located.withExtension("requestId", requestId);
        }
        return Response.status(located.status()).type(Problem.MEDIA_TYPE).entity(located).build();
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        // Bean Validation paths start with the method and parameter ("change.request.reasonText"): keep the
        // part a client wrote, the body's own field path.
        // Container elements ("countries[0].<list element>") are named by their index alone.
        String path = violation.getPropertyPath().toString().replace(".<list element>", "").replace(".<map value>", "");
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }

    private static String mismatchMessage(JsonMappingException mapping) {
        if (mapping instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (mapping instanceof InvalidFormatException format) {
            return "cannot be read as " + format.getTargetType().getSimpleName();
        }
        if (mapping instanceof MismatchedInputException) {
            return "has the wrong JSON type";
        }
        return "is not valid";
    }

    private static String pathOf(JsonMappingException mapping) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.toString();
    }
}
