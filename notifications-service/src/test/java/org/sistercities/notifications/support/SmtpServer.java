package org.sistercities.notifications.support;

import org.sistercities.testsupport.JvmWide;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** The one GreenMail SMTP server of the JVM; always reached through {@link JvmWide}. */
final class SmtpServer {

    private static GreenMail server;
    private static int port;
    // What servers stopped for an outage had received: a restart begins with an empty GreenMail.
    private static final List<byte[]> archive = new ArrayList<>();

    private SmtpServer() {
    }

    static synchronized Integer start() {
        if (server == null) {
            if (port == 0) {
                port = freePort();
            }
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
        return port;
    }

    static synchronized void stop() {
        if (server != null) {
            archive.addAll(raw(server.getReceivedMessages()));
            server.stop();
            server = null;
        }
    }

    static synchronized List<byte[]> received() {
        List<byte[]> all = new ArrayList<>(archive);
        if (server != null) {
            all.addAll(raw(server.getReceivedMessages()));
        }
        return all;
    }

    private static List<byte[]> raw(MimeMessage[] messages) {
        List<byte[]> raw = new ArrayList<>();
        for (MimeMessage message : messages) {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                message.writeTo(out);
                raw.add(out.toByteArray());
            } catch (IOException | MessagingException e) {
                throw new IllegalStateException("GreenMail holds a message it cannot write", e);
            }
        }
        return raw;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
