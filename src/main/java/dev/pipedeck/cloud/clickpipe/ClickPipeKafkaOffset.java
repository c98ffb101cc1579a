package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Where a Kafka pipe starts reading (schema {@code ClickPipeKafkaOffset}).
 *
 * @param strategy Offset strategy.
 * @param timestamp A minute precision UTC timestamp to start from.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeKafkaOffset(String strategy, String timestamp) {

    /** Offset strategies, spelled as on the wire. */
    public static final List<String> STRATEGIES = List.of("from_beginning", "from_latest", "from_timestamp");

    /** Reads from the earliest offset. */
    public static ClickPipeKafkaOffset fromBeginning() {
        return new ClickPipeKafkaOffset("from_beginning", null);
    }

    /** Reads only new messages. */
    public static ClickPipeKafkaOffset fromLatest() {
        return new ClickPipeKafkaOffset("from_latest", null);
    }

    /** Reads from a minute-precision UTC timestamp such as {@code 2024-05-01T10:00}. */
    public static ClickPipeKafkaOffset fromTimestamp(String timestamp) {
        return new ClickPipeKafkaOffset("from_timestamp", timestamp);
    }
}
