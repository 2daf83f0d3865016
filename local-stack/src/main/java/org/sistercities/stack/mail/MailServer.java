package org.sistercities.stack.mail;

import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.MessagingException;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A real SMTP server (GreenMail) that accepts every message for every address, stores it in the
 * {@link MailStore} and shows it on the {@link MailPage}: outreach is visible without a mail account.
 */
public final class MailServer implements AutoCloseable {

    /**
     * Told of every accepted delivery, once per recipient and attempt, at the moment of acceptance: unlike the
     * store (one copy per distinct message), it sees a message sent twice twice. The benchmark counts with it.
     */
    @FunctionalInterface
    public interface AcceptListener {
        void accepted(String recipient, String subject, String messageId, long acceptedNanos);
    }

    private final GreenMail greenMail;
    private final MailStore store;
    private final List<AcceptListener> listeners;
    private final MailPage page;

    private MailServer(GreenMail greenMail, MailStore store, List<AcceptListener> listeners, MailPage page) {
        this.greenMail = greenMail;
        this.store = store;
        this.listeners = listeners;
        this.page = page;
    }

    public static MailServer start(String host, int smtpPort, int pagePort, Path directory) {
        MailStore store = new MailStore(directory);
        GreenMail greenMail = new GreenMail(new ServerSetup(smtpPort, host, ServerSetup.PROTOCOL_SMTP));
        UserManager users = greenMail.getUserManager();
        List<AcceptListener> listeners = new CopyOnWriteArrayList<>();
        users.setMessageDeliveryHandler((message, recipient) -> deliver(users, store, listeners, message, recipient));
        greenMail.start();
        MailPage page;
        try {
            page = MailPage.start(host, pagePort, store);
        } catch (RuntimeException e) {
            greenMail.stop();
            throw e;
        }
        return new MailServer(greenMail, store, listeners, page);
    }

    public MailStore store() {
        return store;
    }

    public void addAcceptListener(AcceptListener listener) {
        listeners.add(listener);
    }

    public String pageUrl() {
        return page.url();
    }

    @Override
    public void close() {
        page.close();
        greenMail.stop();
    }

    /**
     * Called once per recipient of a message; the store keeps one copy. GreenMail still wants a user to
     * have received it, so each address gets an account (no password: nobody reads mail over IMAP here).
     */
    private static GreenMailUser deliver(UserManager users, MailStore store, List<AcceptListener> listeners,
                                         MovingMessage message, MailAddress recipient) throws UserException {
        store.save(message.getMessage(), message.getToAddresses().stream().map(MailAddress::getEmail)
                .collect(Collectors.toCollection(LinkedHashSet::new)));
        if (!listeners.isEmpty()) {
            long accepted = System.nanoTime();
            String subject;
            String messageId;
            try {
                subject = message.getMessage().getSubject();
                messageId = message.getMessage().getMessageID();
            } catch (MessagingException e) {
                throw new IllegalStateException("An accepted message without readable headers", e);
            }
            listeners.forEach(listener -> listener.accepted(recipient.getEmail(), subject, messageId, accepted));
        }
        GreenMailUser user = users.getUserByEmail(recipient.getEmail());
        return user != null ? user : users.createUser(recipient.getEmail(), recipient.getEmail(), recipient.getEmail());
    }
}
