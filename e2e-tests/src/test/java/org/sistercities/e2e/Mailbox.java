package org.sistercities.e2e;

import java.util.List;

import org.sistercities.stack.mail.MailStore;

/** What the platform's SMTP server received (the launcher's mail store, as the mail page shows it). */
final class Mailbox {

    private Mailbox() {
    }

    /** Every message whose subject is {@code subject}, to any recipient. */
    static List<MailStore.Summary> withSubject(String subject) {
        return Platform.stack().mailStore().list().stream().filter(mail -> mail.subject().equals(subject)).toList();
    }

    /** How many messages with this subject went to {@code recipient}. */
    static long count(String subject, String recipient) {
        return withSubject(subject).stream().filter(mail -> mail.to().contains(recipient)).count();
    }

    static String suspended(Seed.Partnership p) {
        return "Keeping a channel open: " + p.community() + " and " + p.city();
    }

    static String underReview(Seed.Partnership p) {
        return "Before the vote: " + p.community() + " and " + p.city();
    }

    static String kept(Seed.Partnership p) {
        return "Thank you, " + p.community() + ", for keeping faith with " + p.city();
    }
}
