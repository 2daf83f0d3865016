package org.sistercities.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;

/** Maps what the gateway's REST resources throw to the same problem bodies as {@link Problems}. */
public class ProblemExceptionMapper {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMapper.class);

    @ServerExceptionMapper
    public Response rejected(RequestRejected e, RoutingContext ctx) {
        Problem problem = Problems.problem(ctx, e.type(), e.getMessage());
        return respond(e.errors().isEmpty() ? problem : problem.withErrors(e.errors()));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, RoutingContext ctx) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(ProblemExceptionMapper::fieldError)
                .toList();
        return respond(Problems.problem(ctx, ProblemType.VALIDATION, "The request has invalid fields").withErrors(errors));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, RoutingContext ctx) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, ctx);
        }
        ProblemType type = ProblemType.forStatus(e.getResponse().getStatus());
        return respond(Problems.problem(ctx, type, type.status() >= 500 ? type.title() : e.getMessage()));
    }

    /** A body that is not JSON, or JSON of the wrong shape (a string where an object belongs...). */
    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, RoutingContext ctx) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return respond(Problems.problem(ctx, ProblemType.VALIDATION, field + " has the wrong JSON type or format")
                    .withErrors(List.of(new Problem.FieldError(field, "has the wrong JSON type or format"))));
        }
        return respond(Problems.problem(ctx, ProblemType.MALFORMED_REQUEST, "The body is not well-formed JSON of the expected shape"));
    }

    /** Quarkus ships its own (empty-bodied) mapper for this subtype: a mapper of the exact type wins over it. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, RoutingContext ctx) {
        return unreadable(e, ctx);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, RoutingContext ctx) {
        LOG.error("Unexpected failure", e);
        return respond(Problems.problem(ctx, ProblemType.INTERNAL, "The gateway failed; the request id helps to find out why"));
    }

    private static Problem.FieldError fieldError(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        // Bean Validation paths start with the method and parameter ("create.request.name"); clients know only the member.
        int cut = path.indexOf('.', path.indexOf('.') + 1);
        return new Problem.FieldError(cut < 0 ? path : path.substring(cut + 1), violation.getMessage());
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .header("Cache-Control", "no-store")
                .entity(problem)
                .build();
    }
}
