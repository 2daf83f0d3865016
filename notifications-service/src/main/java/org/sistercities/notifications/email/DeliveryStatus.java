package org.sistercities.notifications.email;

public enum DeliveryStatus {
    PENDING, SENDING, SENT, FAILED
}
