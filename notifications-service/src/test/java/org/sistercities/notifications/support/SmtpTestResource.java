package org.sistercities.notifications.support;

import org.sistercities.testsupport.JvmWide;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A real SMTP server for tests (GreenMail, on a free loopback port, one per JVM). {@link #start()} points
 * Quarkus Mailer at it, without TLS and without the mock. {@link #stopSmtp()} and {@link #startSmtp()} take
 * it away and bring it back on the same port; {@link #receivedMessages()} returns every message received,
 * across such restarts, parsed as MIME.
 */
public class SmtpTestResource implements QuarkusTestResourceLifecycleManager {

    private static final Session SESSION = Session.getInstance(new Properties());

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(port()),
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.tls", "false",
                "quarkus.mailer.start-tls", "DISABLED");
    }

    /** Leaves the server running for the next test class or profile; the JVM's exit stops it. */
    @Override
    public void stop() {
    }

    public static int port() {
        return (Integer) JvmWide.call(SmtpServer.class, "start");
    }

    /** SMTP is down until {@link #startSmtp()}: connections are refused. */
    public static void stopSmtp() {
        JvmWide.call(SmtpServer.class, "stop");
    }

    public static void startSmtp() {
        JvmWide.call(SmtpServer.class, "start");
    }

    /** Every message received so far, in arrival order. */
    public static List<MimeMessage> receivedMessages() {
        @SuppressWarnings("unchecked")
        List<byte[]> raw = (List<byte[]>) JvmWide.call(SmtpServer.class, "received");
        return raw.stream().map(SmtpTestResource::parse).toList();
    }

    private static MimeMessage parse(byte[] raw) {
        try {
            return new MimeMessage(SESSION, new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new IllegalStateException("GreenMail received a message that is not MIME", e);
        }
    }
}
