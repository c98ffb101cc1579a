package dev.pipedeck.alerts;

/** Where a notification is: waiting to be (re)sent, sent, or given up. */
public enum NotificationStatus {
    PENDING, DELIVERED, FAILED
}
