package org.sistercities.stack.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.sistercities.stack.StackOptions;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class MailServerTest {

    private static final byte[] PDF = "%PDF-1.4 a policy document".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path directory;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aMessageSentOverSmtpIsListedOnThePageWithItsBodiesAndAttachment() throws Exception {
        int smtpPort = StackOptions.freePort();
        try (MailServer server = MailServer.start("127.0.0.1", smtpPort, StackOptions.freePort(), directory)) {
            send(smtpPort);

            await().atMost(Duration.ofSeconds(10)).until(() -> server.store().list().size() == 1);
            MailStore.Summary message = server.store().list().get(0);
            assertThat(message.subject()).isEqualTo("Portland – Khabarovsk: counsel before the vote");
            assertThat(message.to()).containsExactly("chair@portland.example.org", "rep-ru@sistercities.example");
            assertThat(message.attachments()).containsExactly("suspension-policy.pdf");

            String index = get(server.pageUrl());
            assertThat(index).contains("Portland – Khabarovsk: counsel before the vote").contains("/messages/" + message.id());
            String page = get(server.pageUrl() + "messages/" + message.id());
            assertThat(page).contains("We would welcome a conversation").contains("suspension-policy.pdf")
                    .contains("<iframe sandbox");
            assertThat(get(server.pageUrl() + "messages/" + message.id() + "/html")).contains("<b>conversation</b>");
            HttpResponse<byte[]> attachment = http.send(HttpRequest.newBuilder(
                    URI.create(server.pageUrl() + "messages/" + message.id() + "/attachments/0")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(attachment.body()).isEqualTo(PDF);
            assertThat(attachment.headers().firstValue("Content-Type")).contains("application/pdf");
            assertThat(get(server.pageUrl() + "api/messages")).contains("\"subject\":\"Portland – Khabarovsk: counsel before the vote\"");
        }
    }

    @Test
    void receivedMailIsStillThereAfterARestart() throws Exception {
        int smtpPort = StackOptions.freePort();
        try (MailServer server = MailServer.start("127.0.0.1", smtpPort, StackOptions.freePort(), directory)) {
            send(smtpPort);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.store().list().size() == 1);
        }

        try (MailServer again = MailServer.start("127.0.0.1", StackOptions.freePort(), StackOptions.freePort(), directory)) {
            assertThat(again.store().list()).hasSize(1);
            assertThat(get(again.pageUrl())).contains("counsel before the vote");
        }
    }

    @Test
    void everyAcceptedDeliveryIsReportedOncePerRecipientAndAttempt() throws Exception {
        int smtpPort = StackOptions.freePort();
        try (MailServer server = MailServer.start("127.0.0.1", smtpPort, StackOptions.freePort(), directory)) {
            List<String> accepted = new CopyOnWriteArrayList<>();
            List<String> texts = new CopyOnWriteArrayList<>();
            server.addAcceptListener((recipient, message, nanos) -> {
                accepted.add(recipient + " " + message.getSubject());
                texts.add(MailStore.plainText(message));
            });
            send(smtpPort);
            send(smtpPort);

            String subject = " Portland – Khabarovsk: counsel before the vote";
            await().atMost(Duration.ofSeconds(10)).until(() -> accepted.size() == 4);
            assertThat(accepted).containsExactlyInAnyOrder("chair@portland.example.org" + subject, "chair@portland.example.org" + subject,
                    "rep-ru@sistercities.example" + subject, "rep-ru@sistercities.example" + subject);
            // The text part of the multipart/mixed message (alternative text and HTML, then a PDF).
            assertThat(texts).containsOnly("We would welcome a conversation before the council votes.");
        }
    }

    @Test
    void whileSmtpIsStoppedConnectionsAreRefusedAndAfterItsStartMailArrivesOnTheSamePort() throws Exception {
        int smtpPort = StackOptions.freePort();
        try (MailServer server = MailServer.start("127.0.0.1", smtpPort, StackOptions.freePort(), directory)) {
            send(smtpPort);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.store().list().size() == 1);

            server.stopSmtp();

            assertThat(server.smtpRunning()).isFalse();
            assertThatThrownBy(() -> send(smtpPort)).isInstanceOf(MessagingException.class);
            assertThat(get(server.pageUrl())).contains("counsel before the vote");
            server.startSmtp();
            send(smtpPort);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.store().list().size() == 2);
        }
    }

    @Test
    void thePageEscapesWhatTheMessageSays() {
        assertThat(MailPage.escape("<script>alert('x')</script>")).isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    }

    private static void send(int smtpPort) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(smtpPort));
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("outreach@sistercities.org"));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse("chair@portland.example.org, rep-ru@sistercities.example"));
        message.setSubject("Portland – Khabarovsk: counsel before the vote", "UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("We would welcome a conversation before the council votes.", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>We would welcome a <b>conversation</b> before the council votes.</p>", "text/html; charset=UTF-8");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(PDF, "application/pdf")));
        pdf.setFileName("suspension-policy.pdf");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        mixed.addBodyPart(pdf);
        message.setContent(mixed);
        Transport.send(message);
    }

    private String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

}
