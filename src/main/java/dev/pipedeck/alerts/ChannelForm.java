package dev.pipedeck.alerts;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The channel form. The URL and the header value are write-only: never filled in from the stored channel, and left
 * blank on an edit they keep what is stored.
 */
public class ChannelForm {

    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,99}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>]+@[^@\\s,;<>]+\\.[^@\\s,;<>]+");
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-type", "content-length",
            "user-agent", "accept", "connection", "transfer-encoding", "expect", "upgrade");

    private String name = "";
    private String kind = ChannelKind.WEBHOOK.name();
    private String url = "";
    private String headerName = "";
    private String headerValue = "";
    private String emailTo = "";

    /** The form of a stored channel: its plain fields only. */
    static ChannelForm of(AlertChannel channel) {
        ChannelForm form = new ChannelForm();
        form.setName(channel.name());
        form.setKind(channel.kind().name());
        form.setHeaderName(channel.headerName() == null ? "" : channel.headerName());
        form.setEmailTo(String.join(", ", channel.recipients()));
        return form;
    }

    /**
     * A message per field that breaks a rule. {@code editing}: an existing channel of {@code storedKind} (whose kind
     * does not change; blank secrets keep the stored ones, {@code headerStored} says whether a header value is).
     */
    Map<String, String> problems(boolean editing, ChannelKind storedKind, boolean headerStored,
            boolean emailAvailable) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (trimmed(name).isEmpty()) {
            problems.put("name", "Give the channel a name.");
        } else if (trimmed(name).length() > 100) {
            problems.put("name", "Keep the name to 100 characters.");
        }
        ChannelKind parsed = editing ? storedKind : kind();
        if (parsed == null) {
            problems.put("kind", "Choose webhook, Slack or email.");
            return problems;
        }
        if (parsed == ChannelKind.EMAIL && !emailAvailable && !editing) {
            problems.put("kind", "Email is not configured: set spring.mail.host (and the other spring.mail settings).");
        }
        if (parsed.usesUrl()) {
            String typed = trimmed(url);
            if (typed.isEmpty()) {
                if (!editing) {
                    problems.put("url", parsed == ChannelKind.SLACK ? "Paste the Slack incoming webhook URL."
                            : "Enter the URL to POST to.");
                }
            } else {
                String problem = urlProblem(typed);
                if (problem != null) {
                    problems.put("url", problem);
                }
            }
        }
        if (parsed == ChannelKind.WEBHOOK && !trimmed(headerName).isEmpty()) {
            String header = trimmed(headerName);
            if (!HEADER_NAME.matcher(header).matches()) {
                problems.put("headerName", "A header name has letters, digits and dashes only.");
            } else if (RESERVED_HEADERS.contains(header.toLowerCase(Locale.ROOT))
                    || header.toLowerCase(Locale.ROOT).startsWith("x-pipedeck-")) {
                problems.put("headerName", "Pipedeck sets " + header + " itself: choose another header.");
            } else if (trimmed(headerValue).isEmpty() && !headerStored) {
                problems.put("headerValue", "Enter the header's value (for example Bearer and a token).");
            } else if (headerValue.length() > 2000) {
                problems.put("headerValue", "Keep the header value to 2000 characters.");
            } else if (headerValue.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                problems.put("headerValue", "The header value must be one line of text.");
            }
        }
        if (parsed == ChannelKind.EMAIL) {
            String recipients = trimmed(emailTo);
            if (recipients.isEmpty()) {
                problems.put("emailTo", "Enter at least one email address.");
            } else if (recipients.length() > 1000) {
                problems.put("emailTo", "Keep the recipients to 1000 characters.");
            } else {
                for (String address : recipients.split(",")) {
                    if (!EMAIL.matcher(address.strip()).matches()) {
                        problems.put("emailTo", "Not an email address: " + address.strip()
                                + ". Separate addresses with commas.");
                        break;
                    }
                }
            }
        }
        return problems;
    }

    /** Why {@code url} is not a URL a channel can POST to, or null. The message never repeats the URL. */
    static String urlProblem(String url) {
        if (url.length() > 2000) {
            return "Keep the URL to 2000 characters.";
        }
        if (url.chars().anyMatch(Character::isWhitespace)) {
            return "A URL has no spaces.";
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return "This is not a valid URL.";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "The URL must start with https:// (or http://).";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "The URL needs a host name.";
        }
        if (uri.getFragment() != null) {
            return "Leave out the #fragment: it is never sent.";
        }
        return null;
    }

    ChannelKind kind() {
        try {
            return ChannelKind.valueOf(trimmed(kind).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String trimmed(String value) {
        return value == null ? "" : value.strip();
    }

    /** What audit records show of the form: no URL and no header value, only whether they were given. */
    Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", trimmed(name));
        summary.put("kind", trimmed(kind));
        summary.put("target", trimmed(url).isEmpty() ? "(unchanged)" : ChannelTarget.hintOf(trimmed(url)));
        summary.put("headerName", trimmed(headerName));
        summary.put("headerValue", trimmed(headerValue).isEmpty() ? "(unchanged)" : "[redacted]");
        summary.put("emailTo", trimmed(emailTo));
        return summary;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getHeaderName() {
        return headerName;
    }

    public void setHeaderName(String headerName) {
        this.headerName = headerName;
    }

    public String getHeaderValue() {
        return headerValue;
    }

    public void setHeaderValue(String headerValue) {
        this.headerValue = headerValue;
    }

    public String getEmailTo() {
        return emailTo;
    }

    public void setEmailTo(String emailTo) {
        this.emailTo = emailTo;
    }
}
