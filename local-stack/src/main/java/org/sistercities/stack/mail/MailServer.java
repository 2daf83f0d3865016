package org.sistercities.stack.mail;

import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.stream.Collectors;

/**
 * A real SMTP server (GreenMail) that accepts every message for every address, stores it in the
 * {@link MailStore} and shows it on the {@link MailPage}: outreach is visible without a mail account.
 */
public final class MailServer implements AutoCloseable {

    private final ServerSetup smtp;
    private final MailStore store;
    private final MailPage page;
    private GreenMail greenMail;

    private MailServer(ServerSetup smtp, GreenMail greenMail, MailStore store, MailPage page) {
        this.smtp = smtp;
        this.greenMail = greenMail;
        this.store = store;
        this.page = page;
    }

    public static MailServer start(String host, int smtpPort, int pagePort, Path directory) {
        MailStore store = new MailStore(directory);
        ServerSetup smtp = new ServerSetup(smtpPort, host, ServerSetup.PROTOCOL_SMTP);
        GreenMail greenMail = smtpServer(smtp, store);
        MailPage page;
        try {
            page = MailPage.start(host, pagePort, store);
        } catch (RuntimeException e) {
            greenMail.stop();
            throw e;
        }
        return new MailServer(smtp, greenMail, store, page);
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
            greenMail = smtpServer(smtp, store);
        }
    }

    public synchronized boolean smtpRunning() {
        return greenMail != null;
    }

    private static GreenMail smtpServer(ServerSetup smtp, MailStore store) {
        GreenMail greenMail = new GreenMail(smtp);
        UserManager users = greenMail.getUserManager();
        users.setMessageDeliveryHandler((message, recipient) -> deliver(users, store, message, recipient));
        greenMail.start();
        return greenMail;
    }

    public MailStore store() {
        return store;
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
    private static GreenMailUser deliver(UserManager users, MailStore store, MovingMessage message, MailAddress recipient)
            throws UserException {
        store.save(message.getMessage(), message.getToAddresses().stream().map(MailAddress::getEmail)
                .collect(Collectors.toCollection(LinkedHashSet::new)));
        GreenMailUser user = users.getUserByEmail(recipient.getEmail());
        return user != null ? user : users.createUser(recipient.getEmail(), recipient.getEmail(), recipient.getEmail());
    }
}
