package org.sistercities.notifications.subscription;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.sistercities.events.EventType;
import org.sistercities.notifications.webhook.Html;
import org.sistercities.platform.problem.DomainException;
import org.sistercities.platform.security.Caller;
import org.sistercities.platform.security.Roles;
import org.sistercities.platform.web.Cursor;
import org.sistercities.platform.web.Page;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Public email subscriptions: no login (the gateway forwards these paths anonymously). Possession of an emailed
 * link is the proof: the confirmation link for the double opt-in, the unsubscribe link in every notice. GETs
 * only show a page with a button, because mail scanners fetch links; the POST acts. Listing and deleting
 * subscriptions is headquarters' alone: the gateway forwards an authenticated caller's token on this prefix too.
 */
@Path("/api/v1/subscriptions")
@Tag(name = "Email subscriptions")
@PermitAll
public class SubscriptionResource {

    private static final Logger LOG = Logger.getLogger(SubscriptionResource.class);
    private static final List<String> STATUSES =
            List.of(EmailSubscription.PENDING, EmailSubscription.ACTIVE, EmailSubscription.UNSUBSCRIBED);

    @Inject
    SubscriptionNotices notices;
    @Inject
    SubscriptionTokens tokens;
    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Subscribe an address to events (countries, statuses filters); a confirmation email follows")
    public Response subscribe(@Valid @NotNull SubscriptionApi.SubscribeRequest request) {
        for (int i = 0; i < request.eventTypes().size(); i++) {
            if (EventType.fromWebhookType(request.eventTypes().get(i)).isEmpty()) {
                throw DomainException.invalid("eventTypes[" + i + "]", "is not an event type of the catalogue (GET /api/v1/webhooks/event-types)");
            }
        }
        EmailSubscription subscription = new EmailSubscription();
        subscription.id = UUID.randomUUID();
        subscription.email = request.email().toLowerCase(Locale.ROOT);
        subscription.eventTypes = join(request.eventTypes());
        subscription.countries = join(request.countries());
        subscription.statuses = join(request.statuses());
        subscription.status = EmailSubscription.PENDING;
        subscription.createdAt = Instant.now();
        subscription.persist();
        notices.confirmation(subscription);
        LOG.infof("Subscription %s created, awaiting confirmation", subscription.id);
        return Response.accepted(new SubscriptionApi.SubscribeResponse("PENDING_CONFIRMATION",
                "A confirmation email is on its way; the subscription starts once its link is followed.")).build();
    }

    @GET
    @Path("/confirm")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Page asking to confirm a subscription (the link of the confirmation email)")
    public String confirmPage(@QueryParam("token") String token) {
        subscription(SubscriptionTokens.CONFIRM, token);
        return page("Confirm your subscription", "<p>Please confirm that you want these notifications.</p>"
                + form(SubscriptionNotices.CONFIRM_PATH, token, "Confirm"));
    }

    @POST
    @Path("/confirm")
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    @Operation(summary = "Confirm a subscription (double opt-in)")
    public String confirm(@QueryParam("token") String token) {
        EmailSubscription subscription = subscription(SubscriptionTokens.CONFIRM, token);
        if (EmailSubscription.PENDING.equals(subscription.status)) {
            subscription.status = EmailSubscription.ACTIVE;
            subscription.confirmedAt = Instant.now();
            LOG.infof("Subscription %s confirmed", subscription.id);
        }
        return page("Subscription confirmed", EmailSubscription.ACTIVE.equals(subscription.status)
                ? "<p>Thank you: notifications will come to this address. Every email has a link to stop them.</p>"
                : "<p>This subscription was ended; subscribe again to receive notifications.</p>");
    }

    @GET
    @Path("/unsubscribe")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Page asking to confirm the unsubscription (the List-Unsubscribe link)")
    public String unsubscribePage(@QueryParam("token") String token) {
        subscription(SubscriptionTokens.UNSUBSCRIBE, token);
        return page("Unsubscribe", "<p>Stop these Sister Cities International notifications?</p>"
                + form(SubscriptionNotices.UNSUBSCRIBE_PATH, token, "Unsubscribe"));
    }

    /** RFC 8058 one-click: mail clients POST {@code List-Unsubscribe=One-Click}; the body carries nothing else needed. */
    @POST
    @Path("/unsubscribe")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    @Operation(summary = "Unsubscribe (one-click, no login)")
    public String unsubscribe(@QueryParam("token") String token) {
        EmailSubscription subscription = subscription(SubscriptionTokens.UNSUBSCRIBE, token);
        if (!EmailSubscription.UNSUBSCRIBED.equals(subscription.status)) {
            subscription.status = EmailSubscription.UNSUBSCRIBED;
            subscription.unsubscribedAt = Instant.now();
            LOG.infof("Subscription %s ended by its address", subscription.id);
        }
        return page("Unsubscribed", "<p>You will receive no more of these notifications.</p>");
    }

    @GET
    @RolesAllowed(Roles.HQ_ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Subscriptions, oldest first, optionally of one status (PENDING, ACTIVE, UNSUBSCRIBED); cursor-paged; hq-admin")
    public Page<SubscriptionApi.SubscriptionView> list(@QueryParam("status") String status,
                                                       @QueryParam("cursor") String cursor,
                                                       @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        StringBuilder jpql = new StringBuilder("from EmailSubscription s where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (status != null) {
            if (!STATUSES.contains(status)) {
                throw DomainException.invalid("status", "must be one of " + String.join(", ", STATUSES));
            }
            jpql.append(" and s.status = :status");
            params.put("status", status);
        }
        Cursor.appendAfter(cursor, jpql, params, "s.createdAt", "s.id");
        jpql.append(" order by s.createdAt, s.id");
        List<EmailSubscription> rows = EmailSubscription.<EmailSubscription>find(jpql.toString(), params).range(0, limit).list();
        return Page.of(rows, limit, SubscriptionApi.SubscriptionView::of, s -> new Cursor(s.createdAt, s.id));
    }

    /** Removes a subscription outright (its address stops receiving notices at once); hq-admin. */
    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.HQ_ADMIN)
    @Transactional
    @Operation(summary = "Delete a subscription; hq-admin")
    public Response delete(@PathParam("id") UUID id) {
        if (!EmailSubscription.deleteById(id)) {
            throw DomainException.notFound("Subscription", id);
        }
        LOG.infof("Subscription %s deleted by %s", id, caller.subject());
        return Response.noContent().build();
    }

    private EmailSubscription subscription(String purpose, String token) {
        UUID id = tokens.verify(purpose, token, Instant.now())
                .orElseThrow(() -> DomainException.invalid("token", "is not a valid link, or it has expired"));
        EmailSubscription subscription = EmailSubscription.findById(id);
        if (subscription == null) {
            throw DomainException.invalid("token", "is not a valid link, or it has expired");
        }
        return subscription;
    }

    private static String form(String path, String token, String button) {
        return "<form method=\"post\" action=\"" + path + "?token=" + Html.escape(token) + "\">"
                + "<button type=\"submit\">" + button + "</button></form>";
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                + " - Sister Cities International</title></head><body><h1>" + Html.escape(title) + "</h1>" + body + "</body></html>";
    }

    private static String join(List<String> values) {
        return values == null ? "" : String.join(",", values.stream().distinct().sorted().toList());
    }
}
