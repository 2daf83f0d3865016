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

    private final GreenMail greenMail;
    private final MailStore store;
    private final MailPage page;

    private MailServer(GreenMail greenMail, MailStore store, MailPage page) {
        this.greenMail = greenMail;
        this.store = store;
        this.page = page;
    }

    public static MailServer start(String host, int smtpPort, int pagePort, Path directory) {
        MailStore store = new MailStore(directory);
        GreenMail greenMail = new GreenMail(new ServerSetup(smtpPort, host, ServerSetup.PROTOCOL_SMTP));
        UserManager users = greenMail.getUserManager();
        users.setMessageDeliveryHandler((message, recipient) -> deliver(users, store, message, recipient));
        greenMail.start();
        MailPage page;
        try {
            page = MailPage.start(host, pagePort, store);
        } catch (RuntimeException e) {
            greenMail.stop();
            throw e;
        }
        return new MailServer(greenMail, store, page);
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
        greenMail.stop();
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
