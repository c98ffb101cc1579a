package dev.pipedeck.cloud;

/**
 * Who waits for a slot of a key's request budget first: people's changes, then people's reads, then the console's
 * own background work (the metrics collector), which also leaves half of the budget free for people.
 */
public enum RequestPriority {
    WRITE,
    READ,
    BACKGROUND
}
