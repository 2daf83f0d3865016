package org.sistercities.notifications.support;

import io.restassured.path.json.JsonPath;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.sistercities.testsupport.TestTokens;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Calls the webhook API as municipal systems and headquarters do, and waits for what follows. */
public final class Webhooks {

    public static final String PATH = "/api/v1/webhooks/endpoints";

    private Webhooks() {
    }

    /** A registered endpoint and the secret shown at its creation. */
    public record Endpoint(UUID id, String secret) {
    }

    /** Registers an endpoint for headquarters, hearing {@code types} about partner cities in {@code country}. */
    public static Endpoint register(String url, String country, String... types) {
        return registerAs(TestTokens.hqAdmin(), url, country, types);
    }

    public static Endpoint registerAs(String token, String url, String country, String... types) {
        Map<String, Object> body = request(url, country, types);
        JsonPath created = Api.as(token).body(body).post(PATH).then().statusCode(201).extract().jsonPath();
        return new Endpoint(UUID.fromString(created.getString("endpoint.id")), created.getString("secret"));
    }

    public static Map<String, Object> request(String url, String country, String... types) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", url);
        body.put("description", "test receiver");
        body.put("eventTypes", List.of(types));
        body.put("countries", country == null ? List.of() : List.of(country));
        body.put("ownerEmail", "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@municipality.example");
        return body;
    }

    public static JsonPath endpoint(UUID id) {
        return Api.asAdmin().get(PATH + "/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    public static List<Map<String, Object>> messages(UUID endpointId) {
        return Api.asAdmin().get(PATH + "/{id}/messages", endpointId).then().statusCode(200).extract().path("items");
    }

    public static JsonPath message(UUID endpointId, String messageId) {
        return Api.asAdmin().get(PATH + "/{id}/messages/{m}", endpointId, messageId).then().statusCode(200).extract().jsonPath();
    }

    /** Waits for the endpoint's only message to reach {@code status}; returns its detail with the delivery log. */
    public static JsonPath awaitOnlyMessage(UUID endpointId, String status) {
        Awaitility.await("message of " + endpointId + " " + status).atMost(Api.PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    List<Map<String, Object>> items = messages(endpointId);
                    return items.size() == 1 && status.equals(items.get(0).get("status"));
                });
        return message(endpointId, (String) messages(endpointId).get(0).get("id"));
    }

    public static void awaitEndpointStatus(UUID endpointId, String status) {
        Awaitility.await("endpoint " + endpointId + " " + status).atMost(Api.PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> status.equals(endpoint(endpointId).getString("status")));
    }

    /** Received emails of one kind (the X-SCI-Email-Kind header) to one address. */
    public static List<MimeMessage> mails(String kind, String to) {
        return SmtpTestResource.receivedMessages().stream().filter(m -> {
            try {
                return kind.equals(m.getHeader("X-SCI-Email-Kind", null)) && m.getAllRecipients() != null
                        && m.getAllRecipients()[0].toString().equalsIgnoreCase(to);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    public static List<MimeMessage> awaitMails(String kind, String to, int count) {
        Awaitility.await(count + " " + kind + " emails to " + to).atMost(Api.PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> mails(kind, to).size() >= count);
        return mails(kind, to);
    }

    /** The text of a received email, all its text parts in order. */
    public static String text(MimeMessage mail) {
        try {
            Object content = mail.getContent();
            if (content instanceof jakarta.mail.Multipart multipart) {
                StringBuilder all = new StringBuilder();
                collect(multipart, all);
                return all.toString();
            }
            return content.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String header(MimeMessage mail, String name) {
        try {
            return mail.getHeader(name, null);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(jakarta.mail.Multipart multipart, StringBuilder all) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            Object part = multipart.getBodyPart(i).getContent();
            if (part instanceof jakarta.mail.Multipart inner) {
                collect(inner, all);
            } else {
                all.append(part).append('\n');
            }
        }
    }
}
