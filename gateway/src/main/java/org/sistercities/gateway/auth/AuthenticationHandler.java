package org.sistercities.gateway.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.sistercities.gateway.apikey.ApiKeyAuthenticator;
import org.sistercities.gateway.config.GatewayConfig;
import org.sistercities.gateway.problem.ProblemType;
import org.sistercities.gateway.problem.Problems;
import org.sistercities.gateway.staff.StaffService;
import org.sistercities.gateway.staff.StaffSessionAuthenticator;

import java.util.Optional;
import java.util.Set;

/**
 * Establishes who is calling (an API key in {@code Authorization: Bearer sci_…}, or a staff session cookie) and
 * applies {@link AccessPolicy} before anything else sees the request. Credentials that are presented but not
 * valid are refused even on open routes: a caller with a revoked key should learn it, not get anonymous results.
 * Cookie-authenticated requests that change state must repeat the session's CSRF token in {@code X-CSRF-Token}.
 */
@ApplicationScoped
public class AuthenticationHandler implements Handler<RoutingContext> {

    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String PRINCIPAL_KEY = "sci.principal";
    private static final String BEARER = "Bearer ";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final Logger LOG = Logger.getLogger(AuthenticationHandler.class);

    private final ApiKeyAuthenticator apiKeys;
    private final StaffSessionAuthenticator sessions;
    private final String sessionCookie;

    AuthenticationHandler(ApiKeyAuthenticator apiKeys, StaffSessionAuthenticator sessions, GatewayConfig config) {
        this.apiKeys = apiKeys;
        this.sessions = sessions;
        this.sessionCookie = config.staff().cookieName();
    }

    public static Optional<Principal> principal(RoutingContext ctx) {
        return Optional.ofNullable(ctx.get(PRINCIPAL_KEY));
    }

    @Override
    public void handle(RoutingContext ctx) {
        Access access = AccessPolicy.classify(ctx.request().method(), ctx.normalizedPath());
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                unauthorized(ctx, "Use Authorization: Bearer with an API key (sci_…)");
                return;
            }
            apiKeys.authenticate(authorization.substring(BEARER.length()).trim()).onComplete(result -> {
                if (result.failed()) {
                    failed(ctx, result.cause());
                } else if (result.result() instanceof ApiKeyAuthenticator.Valid valid) {
                    decide(ctx, access, valid.principal(), false, null);
                } else {
                    unauthorized(ctx, ((ApiKeyAuthenticator.Rejected) result.result()).reason());
                }
            });
            return;
        }
        Cookie cookie = ctx.request().getCookie(sessionCookie);
        if (cookie != null) {
            sessions.authenticate(cookie.getValue()).onComplete(result -> {
                if (result.failed()) {
                    failed(ctx, result.cause());
                    return;
                }
                // A stale cookie is not an attack; the caller is simply anonymous again.
                Optional<StaffService.SessionState> session = result.result();
                decide(ctx, access, session.map(StaffService.SessionState::principal).orElse(null),
                        session.isPresent(), session.map(StaffService.SessionState::csrfToken).orElse(null));
            });
            return;
        }
        decide(ctx, access, null, false, null);
    }

    private void decide(RoutingContext ctx, Access access, Principal principal, boolean viaCookie, String csrfToken) {
        if (principal == null) {
            if (access == Access.OPEN) {
                ctx.next();
            } else {
                unauthorized(ctx, "This resource needs an API key or a staff login");
            }
            return;
        }
        if (access == Access.HQ_ADMIN && principal.role() != Role.HQ_ADMIN) {
            Problems.send(ctx, ProblemType.FORBIDDEN, "Only hq-admin may use the administration API");
            return;
        }
        if (viaCookie && !SAFE.contains(ctx.request().method())
                && !Secrets.constantTimeEquals(csrfToken, ctx.request().getHeader(CSRF_HEADER))) {
            Problems.send(ctx, ProblemType.FORBIDDEN, "A session request that changes state must carry the session's " + CSRF_HEADER);
            return;
        }
        ctx.put(PRINCIPAL_KEY, principal);
        ctx.next();
    }

    private static void unauthorized(RoutingContext ctx, String detail) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"sci\"");
        Problems.send(ctx, ProblemType.UNAUTHORIZED, detail);
    }

    private static void failed(RoutingContext ctx, Throwable cause) {
        LOG.error("Credential check failed", cause);
        Problems.send(ctx, ProblemType.UPSTREAM_UNAVAILABLE, "Credentials cannot be checked right now");
    }
}
