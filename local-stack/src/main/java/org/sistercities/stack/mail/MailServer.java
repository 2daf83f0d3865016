package org.sistercities.stack.mail;

import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

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
        /** @param message as accepted; {@link MailStore#plainText} reads its text body without its attachments */
        void accepted(String recipient, MimeMessage message, long acceptedNanos) throws MessagingException;
    }

    private final ServerSetup smtp;
    private final MailStore store;
    private final List<AcceptListener> listeners;
    private final MailPage page;
    private GreenMail greenMail;

    private MailServer(ServerSetup smtp, GreenMail greenMail, MailStore store, List<AcceptListener> listeners, MailPage page) {
        this.smtp = smtp;
        this.greenMail = greenMail;
        this.store = store;
        this.listeners = listeners;
        this.page = page;
    }

    public static MailServer start(String host, int smtpPort, int pagePort, Path directory) {
        MailStore store = new MailStore(directory);
        ServerSetup smtp = new ServerSetup(smtpPort, host, ServerSetup.PROTOCOL_SMTP);
        List<AcceptListener> listeners = new CopyOnWriteArrayList<>();
        GreenMail greenMail = smtpServer(smtp, store, listeners);
        MailPage page;
        try {
            page = MailPage.start(host, pagePort, store);
        } catch (RuntimeException e) {
            greenMail.stop();
            throw e;
        }
        return new MailServer(smtp, greenMail, store, listeners, page);
    }

    /**
     * Closes the SMTP port, as an outage of the mail relay would: connections are refused until
     * {@link #startSmtp}. The store and the mail page stay up (the fault suite counts what arrived).
     */
    public synchronized void stopSmtp() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    /** Opens the SMTP port again (the same port, the same store) after {@link #stopSmtp}. */
    public synchronized void startSmtp() {
        if (greenMail == null) {
            greenMail = smtpServer(smtp, store, listeners);
        }
    }

    public synchronized boolean smtpRunning() {
        return greenMail != null;
    }

    private static GreenMail smtpServer(ServerSetup smtp, MailStore store, List<AcceptListener> listeners) {
        GreenMail greenMail = new GreenMail(smtp);
        UserManager users = greenMail.getUserManager();
        users.setMessageDeliveryHandler((message, recipient) -> deliver(users, store, listeners, message, recipient));
        greenMail.start();
        return greenMail;
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
        stopSmtp();
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
            for (AcceptListener listener : listeners) {
                try {
                    listener.accepted(recipient.getEmail(), message.getMessage(), accepted);
                } catch (MessagingException e) {
                    throw new IllegalStateException("An accepted message its listener cannot read", e);
                }
            }
        }
        GreenMailUser user = users.getUserByEmail(recipient.getEmail());
        return user != null ? user : users.createUser(recipient.getEmail(), recipient.getEmail(), recipient.getEmail());
    }
}
