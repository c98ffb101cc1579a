package dev.pipedeck.alerts;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A notification channel as pages and audit records may show it: never its URL or header value, only the URL's
 * scheme and host ({@link #targetHint()}) and whether a header is sent.
 */
public record AlertChannel(long id, String name, ChannelKind kind, @Nullable String targetHint,
        @Nullable String headerName, @Nullable String emailTo, Instant createdAt, Instant updatedAt) {

    /** The email recipients, one per entry. */
    public List<String> recipients() {
        if (emailTo == null || emailTo.isBlank()) {
            return List.of();
        }
        return Arrays.stream(emailTo.split(",")).map(String::strip).filter(address -> !address.isEmpty()).toList();
    }

    /** What the channel sends to, in words fit for a page: the webhook's scheme and host, or the recipients. */
    public String destination() {
        return kind == ChannelKind.EMAIL ? String.join(", ", recipients())
                : targetHint == null ? "" : targetHint;
    }
}
