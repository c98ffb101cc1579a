package dev.pipedeck.alerts;

import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The body a Slack-compatible incoming webhook receives: {@code {"text": "…"}}, Slack's mrkdwn with the status in
 * bold, the reason and details on their own lines and a link to the pipe page when the console's address is known.
 */
final class SlackMessage {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SlackMessage() {
    }

    static String render(AlertEvent event, boolean test) {
        return JSON.writeValueAsString(Map.of("text", text(event, test)));
    }

    static String text(AlertEvent event, boolean test) {
        AlertMessage message = new AlertMessage(event, test);
        StringBuilder text = new StringBuilder();
        text.append(event.resolved() ? ":large_green_circle: " : ":red_circle: ").append('*')
                .append(escape(message.status())).append("* ").append(escape(message.headline()));
        for (String line : message.details()) {
            text.append('\n').append(escape(line));
        }
        if (message.link() != null) {
            text.append("\n<").append(message.link().replace("|", "%7C").replace(">", "%3E"))
                    .append("|Open the pipe in Pipedeck>");
        }
        return text.toString();
    }

    /** Slack's control characters in text: &amp;, &lt; and &gt;. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
