package org.sistercities.notifications.client;

/** Another service could not answer as needed now; the work that needed it waits and tries again. */
public class DownstreamUnavailableException extends RuntimeException {

    public DownstreamUnavailableException(String message) {
        super(message);
    }

    public DownstreamUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
