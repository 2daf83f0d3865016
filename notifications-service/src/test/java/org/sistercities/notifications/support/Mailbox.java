package org.sistercities.notifications.support;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/** The messages the test SMTP server received, read as a mail client would. */
public final class Mailbox {

    private Mailbox() {
    }

    public record Attachment(String filename, String contentType, byte[] content) {
    }

    public record Mail(List<String> to, String from, List<String> replyTo, String subject, String messageId,
                       String kind, String caseId, String broadcastId, String text, String html,
                       List<Attachment> attachments) {
    }

    public static List<Mail> all() {
        return SmtpTestResource.receivedMessages().stream().map(Mailbox::read).toList();
    }

    public static List<Mail> matching(Predicate<Mail> filter) {
        return all().stream().filter(filter).toList();
    }

    public static List<Mail> ofCase(UUID caseId, String kind) {
        return matching(m -> caseId.toString().equals(m.caseId()) && kind.equals(m.kind()));
    }

    public static List<Mail> ofBroadcast(UUID broadcastId) {
        return matching(m -> broadcastId.toString().equals(m.broadcastId()));
    }

    private static Mail read(MimeMessage message) {
        try {
            List<Attachment> attachments = new ArrayList<>();
            String[] bodies = new String[2];
            walk(message, attachments, bodies);
            return new Mail(
                    addresses(message.getAllRecipients()),
                    message.getFrom() == null ? null : message.getFrom()[0].toString(),
                    addresses(message.getReplyTo()),
                    message.getSubject(),
                    message.getMessageID(),
                    message.getHeader("X-SCI-Email-Kind", null),
                    message.getHeader("X-SCI-Case-Id", null),
                    message.getHeader("X-SCI-Broadcast-Id", null),
                    bodies[0], bodies[1], attachments);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Unreadable message", e);
        }
    }

    private static void walk(Part part, List<Attachment> attachments, String[] bodies) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, attachments, bodies);
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
            try (InputStream in = part.getInputStream()) {
                attachments.add(new Attachment(part.getFileName(), part.getContentType().split(";")[0].trim().toLowerCase(), in.readAllBytes()));
            }
        } else if (part.isMimeType("text/plain")) {
            bodies[0] = (String) part.getContent();
        } else if (part.isMimeType("text/html")) {
            bodies[1] = (String) part.getContent();
        }
    }

    private static List<String> addresses(jakarta.mail.Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses)
                .map(a -> a instanceof InternetAddress internet ? internet.getAddress().toLowerCase() : a.toString())
                .toList();
    }
}
