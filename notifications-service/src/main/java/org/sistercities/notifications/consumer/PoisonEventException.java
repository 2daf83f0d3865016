package org.sistercities.notifications.consumer;

/** A record that no retry can make processable: it belongs on the dead-letter topic. */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message, null, false, false);
    }
}
