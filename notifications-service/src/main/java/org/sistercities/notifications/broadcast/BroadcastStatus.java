package org.sistercities.notifications.broadcast;

/** PREPARING: the audience is being resolved; SENDING: its emails are queued; COMPLETED: none is left to send. */
public enum BroadcastStatus {
    PREPARING, SENDING, COMPLETED
}
