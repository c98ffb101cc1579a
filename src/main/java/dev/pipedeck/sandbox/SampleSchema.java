package dev.pipedeck.sandbox;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What schema discovery "finds" in a Kafka topic or a Kinesis stream: a plausible order-event schema, typed as
 * ClickHouse would infer it from the source's format.
 */
final class SampleSchema {

    private static final int SAMPLED = 100;

    private SampleSchema() {
    }

    /** The {@code result} of schema discovery for a checked source of {@code kind}. */
    static ObjectNode discovered(SourceKind kind, JsonNode source) {
        String format = source.path("format").asString("JSONEachRow");
        boolean typed = !"JSONEachRow".equals(format);
        ObjectNode result = SandboxWire.NODES.objectNode();
        ArrayNode fields = result.putArray("fields");
        field(fields, "event_id", typed ? "UUID" : "String", false);
        field(fields, "order_id", typed ? "Int64" : "UInt64", false);
        field(fields, "customer_email", "Nullable(String)", true);
        field(fields, "amount", typed ? "Decimal(12, 2)" : "Float64", false);
        field(fields, "currency", "LowCardinality(String)", false);
        field(fields, "tags", "Array(String)", false);
        field(fields, "created_at", "DateTime64(3)", false);
        ObjectNode meta = result.putObject("meta");
        meta.put("format", format);
        if (kind == SourceKind.KAFKA) {
            meta.put("sampledMessages", Integer.toString(SAMPLED));
            meta.put("topic", source.path("topics").asString(""));
        } else {
            meta.put("sampledRecords", Integer.toString(SAMPLED));
            meta.put("streamName", source.path("streamName").asString(""));
        }
        return result;
    }

    private static void field(ArrayNode fields, String name, String type, boolean optional) {
        fields.addObject().put("name", name).put("type", type).put("optional", optional);
    }
}
