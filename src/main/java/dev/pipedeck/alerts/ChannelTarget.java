package dev.pipedeck.alerts;

import java.net.URI;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The secret part of a webhook channel, decrypted only to send: the URL (a Slack incoming webhook's URL is itself the
 * credential) and the value of the optional header. {@link #toString()} names neither.
 */
record ChannelTarget(String url, @Nullable String headerValue) {

    /** {@code scheme://host[:port]} of {@code url}, what pages show of it; empty when it is not a URL. */
    static String hintOf(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "";
            }
            return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                    + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        } catch (IllegalArgumentException notAUrl) {
            return "";
        }
    }

    String hint() {
        return hintOf(url);
    }

    /** Removes the URL, its path, its query and the header value from {@code text} (an error message). */
    String scrub(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String scrubbed = text;
        for (String secret : secretParts()) {
            if (secret != null && secret.length() > 1) {
                scrubbed = scrubbed.replace(secret, "[redacted]");
            }
        }
        return scrubbed;
    }

    String[] secretParts() {
        String path = null;
        String query = null;
        try {
            URI uri = URI.create(url.strip());
            path = uri.getRawPath();
            query = uri.getRawQuery();
        } catch (IllegalArgumentException notAUrl) {
            // the whole URL is scrubbed anyway
        }
        return new String[] {url, url.strip(), path == null || path.equals("/") ? null : path, query, headerValue};
    }

    @Override
    public String toString() {
        return "ChannelTarget[" + hint() + "]";
    }
}
