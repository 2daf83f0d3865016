package org.sistercities.gateway.staff;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sistercities.gateway.auth.AuthenticationHandler;
import org.sistercities.gateway.auth.Principal;
import org.sistercities.gateway.config.GatewayConfig;
import org.sistercities.gateway.problem.ProblemType;
import org.sistercities.gateway.problem.RequestRejected;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Staff login for the dashboard. The session cookie is HttpOnly and SameSite=Strict, Secure when the request
 * came over https; the CSRF token is returned in the body and in a readable cookie so the dashboard can repeat
 * it in {@code X-CSRF-Token}. Login only accepts JSON, which a cross-site form cannot send.
 */
@Path("/auth")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staff sessions")
public class SessionResource {

    private final StaffService staff;
    private final StaffSessionAuthenticator sessions;
    private final GatewayConfig.Staff config;
    private final Clock clock;

    SessionResource(StaffService staff, StaffSessionAuthenticator sessions, GatewayConfig config, Clock clock) {
        this.staff = staff;
        this.sessions = sessions;
        this.config = config.staff();
        this.clock = clock;
    }

    public record LoginRequest(@NotBlank String username, @NotBlank String password) {
    }

    public record SessionView(String subject, String role, List<String> countries, List<String> communities,
                              String csrfToken, Instant expiresAt) {
    }

    public record Me(String subject, String role, List<String> countries, List<String> communities) {
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Staff login with username and password; opens a dashboard session")
    public Response login(@Valid @NotNull LoginRequest request, RoutingContext ctx) {
        StaffService.LoginOutcome outcome = staff.login(request.username(), request.password());
        if (outcome instanceof StaffService.LoggedIn in) {
            boolean secure = "https".equals(ctx.request().scheme());
            int maxAge = (int) Duration.between(clock.instant(), in.expiresAt()).toSeconds();
            NewCookie session = new NewCookie.Builder(config.cookieName()).value(in.sessionToken()).path("/")
                    .httpOnly(true).secure(secure).sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
            NewCookie csrf = new NewCookie.Builder(config.csrfCookieName()).value(in.csrfToken()).path("/")
                    .httpOnly(false).secure(secure).sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
            Principal p = in.principal();
            return Response.ok(new SessionView(p.subject(), p.role().group(), p.countries(), p.communities(),
                            in.csrfToken(), in.expiresAt()))
                    .cookie(session, csrf)
                    .header("Cache-Control", "no-store")
                    .build();
        }
        if (outcome instanceof StaffService.Locked) {
            throw new RequestRejected(ProblemType.UNAUTHORIZED, "Too many failed logins; the account is locked for a while");
        }
        throw new RequestRejected(ProblemType.UNAUTHORIZED, "Wrong username or password");
    }

    @POST
    @Path("/logout")
    @Operation(summary = "End the staff session (needs X-CSRF-Token)")
    public Response logout(@Context RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(config.cookieName());
        if (cookie != null) {
            sessions.logout(cookie.getValue());
        }
        NewCookie expired = new NewCookie.Builder(config.cookieName()).value("").path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
        NewCookie expiredCsrf = new NewCookie.Builder(config.csrfCookieName()).value("").path("/")
                .sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
        return Response.noContent().cookie(expired, expiredCsrf).build();
    }

    @GET
    @Path("/me")
    @Operation(summary = "Who the gateway takes the caller for")
    public Me me(@Context RoutingContext ctx) {
        Principal p = AuthenticationHandler.principal(ctx)
                .orElseThrow(() -> new RequestRejected(ProblemType.UNAUTHORIZED, "Not logged in"));
        return new Me(p.subject(), p.role().group(), p.countries(), p.communities());
    }
}
