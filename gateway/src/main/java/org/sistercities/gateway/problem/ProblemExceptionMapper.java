package org.sistercities.gateway.problem;

import io.vertx.ext.web.RoutingContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

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
        int status = e.getResponse().getStatus();
        ProblemType type = switch (status) {
            case 400 -> ProblemType.VALIDATION;
            case 401 -> ProblemType.UNAUTHORIZED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404, 405 -> ProblemType.NOT_FOUND;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? ProblemType.INTERNAL : ProblemType.VALIDATION;
        };
        return respond(Problems.problem(ctx, type, e.getMessage()));
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
