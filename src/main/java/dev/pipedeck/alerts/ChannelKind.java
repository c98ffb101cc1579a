package dev.pipedeck.alerts;

/** Where a channel sends: a generic webhook (JSON body), a Slack-compatible incoming webhook, or email over SMTP. */
public enum ChannelKind {

    WEBHOOK("Webhook"), SLACK("Slack incoming webhook"), EMAIL("Email");

    private final String label;

    ChannelKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether the channel sends to a URL, which is then a credential. */
    public boolean usesUrl() {
        return this != EMAIL;
    }
}
