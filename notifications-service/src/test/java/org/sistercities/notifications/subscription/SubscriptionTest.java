package org.sistercities.notifications.subscription;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.sistercities.notifications.support.Api;
import org.sistercities.notifications.support.Events;
import org.sistercities.notifications.support.Webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class SubscriptionTest {

    private static final String PATH = "/api/v1/subscriptions";
    private static final Pattern TOKEN = Pattern.compile("\\?token=([A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+)");

    @Inject
    SubscriptionTokens tokens;

    @Test
    void anAddressConfirmsReceivesMatchingNoticesAndUnsubscribesWithOneClick() {
        String email = "reader-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "eventTypes", List.of("partnership.status_changed"), "countries", List.of("ZA"),
                        "statuses", List.of("ACTIVE")))
                .post(PATH).then().statusCode(202).body("status", equalTo("PENDING_CONFIRMATION"));
        MimeMessage confirmation = Webhooks.awaitMails("SUBSCRIPTION_CONFIRM", email, 1).get(0);
        String confirmToken = token(Webhooks.text(confirmation), "/confirm");

        // Unconfirmed: nothing is sent.
        Events.publish(Events.Partnership.in("ZA").change("SUSPENDED", "ACTIVE", "POLITICAL", 3));
        Awaitility.await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> Webhooks.mails("SUBSCRIPTION_NOTICE", email).isEmpty());

        given().get(PATH + "/confirm?token=" + confirmToken).then().statusCode(200)
                .contentType(containsString("text/html")).body(containsString("method=\"post\""));
        given().post(PATH + "/confirm?token=" + confirmToken).then().statusCode(200).body(containsString("confirmed"));

        Events.Partnership partnership = Events.Partnership.in("ZA");
        Events.publish(partnership.change("ACTIVE", "SUSPENDED", "POLITICAL", 2));
        Events.publish(Events.Partnership.in("ZB").change("SUSPENDED", "ACTIVE", "POLITICAL", 2));
        Events.publish(partnership.change("SUSPENDED", "ACTIVE", "POLITICAL", 3));
        MimeMessage notice = Webhooks.awaitMails("SUBSCRIPTION_NOTICE", email, 1).get(0);
        assertThat(Webhooks.text(notice)).contains(partnership.community().name()).contains("SUSPENDED -> ACTIVE").doesNotContain("test-hq-admin");
        String listUnsubscribe = Webhooks.header(notice, "List-Unsubscribe");
        assertThat(listUnsubscribe).startsWith("<https://platform.test/api/v1/subscriptions/unsubscribe?token=").endsWith(">");
        assertThat(Webhooks.header(notice, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(4))
                .until(() -> Webhooks.mails("SUBSCRIPTION_NOTICE", email).size() == 1);

        String unsubscribeToken = token(listUnsubscribe, "/unsubscribe");
        given().get(PATH + "/unsubscribe?token=" + unsubscribeToken).then().statusCode(200).body(containsString("<form"));
        given().contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click")
                .post(PATH + "/unsubscribe?token=" + unsubscribeToken).then().statusCode(200).body(containsString("no more"));

        Events.publish(Events.Partnership.in("ZA").change("SUSPENDED", "ACTIVE", "POLITICAL", 3));
        Awaitility.await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> Webhooks.mails("SUBSCRIPTION_NOTICE", email).size() == 1);
    }

    @Test
    void forgedExpiredOrMisusedTokensAreRefused() {
        UUID id = UUID.randomUUID();
        String expired = tokens.issue(SubscriptionTokens.CONFIRM, id, Instant.now().minusSeconds(1));
        String unsubscribe = tokens.issue(SubscriptionTokens.UNSUBSCRIBE, id, null);
        assertThat(tokens.verify(SubscriptionTokens.CONFIRM, expired, Instant.now())).isEmpty();
        assertThat(tokens.verify(SubscriptionTokens.CONFIRM, unsubscribe, Instant.now())).isEmpty();
        assertThat(tokens.verify(SubscriptionTokens.UNSUBSCRIBE, unsubscribe, Instant.now().plus(Duration.ofDays(3650)))).contains(id);
        String forged = unsubscribe.substring(0, unsubscribe.indexOf('.') + 1) + "AAAA";
        assertThat(tokens.verify(SubscriptionTokens.UNSUBSCRIBE, forged, Instant.now())).isEmpty();

        given().post(PATH + "/confirm?token=" + expired).then().statusCode(400).body("errors[0].field", equalTo("token"));
        given().post(PATH + "/unsubscribe?token=" + forged).then().statusCode(400);
        given().get(PATH + "/unsubscribe").then().statusCode(400);
    }

    @Test
    void invalidSubscriptionsNameTheField() {
        given().contentType(ContentType.JSON).body(Map.of("email", "not-an-address", "eventTypes", List.of("policy.published")))
                .post(PATH).then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("email", "a@example.org", "eventTypes", List.of("policy.rewritten")))
                .post(PATH).then().statusCode(400).body("errors[0].field", equalTo("eventTypes[0]"));
        given().contentType(ContentType.JSON).body(Map.of("email", "a@example.org", "eventTypes", List.of("policy.published"),
                "statuses", List.of("DORMANT"))).post(PATH).then().statusCode(400);
        // Nobody lists the subscribers without a token; headquarters may (SubscriptionAdminTest).
        given().get(PATH).then().statusCode(401);
    }

    private static String token(String text, String path) {
        Matcher matcher = Pattern.compile(Pattern.quote(path) + TOKEN.pattern()).matcher(text);
        assertThat(matcher.find()).as("a " + path + " link in " + text).isTrue();
        return matcher.group(1);
    }
}
