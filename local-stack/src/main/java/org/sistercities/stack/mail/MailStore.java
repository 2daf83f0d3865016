package org.sistercities.stack.mail;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Received mail as one {@code .eml} file per message: readable with any mail program, kept across restarts,
 * and the only state of the mail page. The file name is a hash of the message, so a message delivered to
 * several recipients is stored once.
 */
public final class MailStore {

    /** A header added to the stored copy: the SMTP envelope's recipients, which include Bcc. */
    public static final String ENVELOPE_TO = "X-Envelope-To";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{20}");
    private static final Session SESSION = Session.getInstance(new Properties());

    private final Path directory;

    public MailStore(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + directory, e);
        }
    }

    public record Attachment(String fileName, String contentType, int size) {
    }

    public record Summary(String id, String subject, String from, List<String> to, Instant date, List<String> attachments) {
    }

    /** Text and HTML bodies (either may be empty) and the attachments of one message. */
    public record Content(Summary summary, String text, String html, List<Attachment> attachments) {
    }

    public Path directory() {
        return directory;
    }

    /** Stores a message unless the same message is stored already; returns its id. */
    public synchronized String save(MimeMessage message, Collection<String> envelopeRecipients) {
        try {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            message.writeTo(raw);
            String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw.toByteArray()), 0, 10);
            Path file = file(id);
            if (Files.exists(file)) {
                return id;
            }
            MimeMessage copy = new MimeMessage(SESSION, new ByteArrayInputStream(raw.toByteArray()));
            copy.setHeader(ENVELOPE_TO, String.join(", ", envelopeRecipients));
            Path partial = directory.resolve(id + ".partial");
            try (var out = Files.newOutputStream(partial)) {
                copy.writeTo(out);
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store a message in " + directory, e);
        } catch (MessagingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Could not store a message", e);
        }
    }

    /** Newest first. */
    public List<Summary> list() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".eml"))
                    .sorted(Comparator.comparing(MailStore::modified).reversed())
                    .map(file -> summary(idOf(file), parse(file)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list " + directory, e);
        }
    }

    public Optional<Path> raw(String id) {
        if (!ID.matcher(id).matches()) {
            return Optional.empty();
        }
        Path file = file(id);
        return Files.exists(file) ? Optional.of(file) : Optional.empty();
    }

    public Optional<Content> content(String id) {
        return raw(id).map(file -> {
            MimeMessage message = parse(file);
            Parts parts = new Parts();
            parts.walk(message);
            return new Content(summary(id, message), parts.text, parts.html,
                    parts.attachments.stream().map(a -> new Attachment(a.name, a.type, a.bytes.length)).toList());
        });
    }

    /** The bytes and content type of the {@code index}-th attachment (from 0). */
    public Optional<AttachmentBytes> attachment(String id, int index) {
        return raw(id).flatMap(file -> {
            Parts parts = new Parts();
            parts.walk(parse(file));
            return index >= 0 && index < parts.attachments.size() ? Optional.of(parts.attachments.get(index)) : Optional.empty();
        });
    }

    public record AttachmentBytes(String name, String type, byte[] bytes) {
    }

    private Summary summary(String id, MimeMessage message) {
        try {
            Parts parts = new Parts();
            parts.walk(message);
            Instant date = message.getSentDate() == null ? null : message.getSentDate().toInstant();
            return new Summary(id, Optional.ofNullable(message.getSubject()).orElse("(no subject)"),
                    addresses(message.getFrom()).stream().findFirst().orElse(""),
                    addresses(message.getRecipients(Message.RecipientType.TO)), date,
                    parts.attachments.stream().map(AttachmentBytes::name).toList());
        } catch (MessagingException e) {
            throw new IllegalStateException("Unreadable message " + id, e);
        }
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString)
                .map(MailStore::decode).collect(Collectors.toList());
    }

    private static String decode(String text) {
        try {
            return MimeUtility.decodeText(text);
        } catch (IOException e) {
            return text;
        }
    }

    private MimeMessage parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new MimeMessage(SESSION, in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        } catch (MessagingException e) {
            throw new IllegalStateException("Not a message: " + file, e);
        }
    }

    private Path file(String id) {
        return directory.resolve(id + ".eml");
    }

    private static String idOf(Path file) {
        return file.getFileName().toString().replaceFirst("\\.eml$", "");
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    /** The message's first text/plain body, depth first, without reading its attachments; empty when it has none. */
    public static String plainText(Part part) {
        try {
            if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return String.valueOf(part.getContent());
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    String text = plainText(multipart.getBodyPart(i));
                    if (!text.isEmpty()) {
                        return text;
                    }
                }
            }
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException("Unreadable message part", e);
        }
    }

    /** The first text and HTML bodies and every attachment, depth first. */
    private static final class Parts {
        private String text = "";
        private String html = "";
        private final List<AttachmentBytes> attachments = new ArrayList<>();

        void walk(Part part) {
            try {
                String fileName = part.getFileName();
                if (fileName != null || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                    try (InputStream in = part.getInputStream()) {
                        String name = fileName == null ? "attachment-" + (attachments.size() + 1) : decode(fileName);
                        attachments.add(new AttachmentBytes(name, part.getContentType().split(";")[0].trim(), in.readAllBytes()));
                    }
                } else if (part.isMimeType("multipart/*")) {
                    Multipart multipart = (Multipart) part.getContent();
                    for (int i = 0; i < multipart.getCount(); i++) {
                        BodyPart child = multipart.getBodyPart(i);
                        walk(child);
                    }
                } else if (part.isMimeType("text/plain") && text.isEmpty()) {
                    text = String.valueOf(part.getContent());
                } else if (part.isMimeType("text/html") && html.isEmpty()) {
                    html = String.valueOf(part.getContent());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (MessagingException e) {
                throw new IllegalStateException("Unreadable message part", e);
            }
        }
    }
}
