package dev.pipedeck.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Writes exported records one at a time, as CSV (RFC 4180) or as JSON Lines. */
abstract class AuditExportWriter implements AutoCloseable {

    private record Column(String name, Function<AuditRecord, Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("id", AuditRecord::id),
            new Column("occurred_at", AuditRecord::occurredAt),
            new Column("actor", AuditRecord::actor),
            new Column("actor_role", AuditRecord::actorRole),
            new Column("channel", AuditRecord::channel),
            new Column("client_address", AuditRecord::clientAddress),
            new Column("user_agent", AuditRecord::userAgent),
            new Column("console_request_id", AuditRecord::consoleRequestId),
            new Column("action", AuditRecord::action),
            new Column("organization_id", AuditRecord::organizationId),
            new Column("organization_name", AuditRecord::organizationName),
            new Column("service_id", AuditRecord::serviceId),
            new Column("service_name", AuditRecord::serviceName),
            new Column("pipe_id", AuditRecord::pipeId),
            new Column("pipe_name", AuditRecord::pipeName),
            new Column("target_account", AuditRecord::targetAccount),
            new Column("outcome", AuditRecord::outcome),
            new Column("http_status", AuditRecord::httpStatus),
            new Column("error_text", AuditRecord::errorText),
            new Column("upstream_request_id", AuditRecord::upstreamRequestId),
            new Column("attempt_id", AuditRecord::attemptId),
            new Column("duration_ms", AuditRecord::durationMs),
            new Column("request_summary", AuditRecord::requestSummary),
            new Column("change_before", AuditRecord::changeBefore),
            new Column("change_after", AuditRecord::changeAfter),
            new Column("prev_hash", AuditRecord::prevHash),
            new Column("hash", AuditRecord::hash));

    /** JSON-valued columns: embedded as JSON in JSON Lines rather than as strings. */
    private static final List<String> JSON_COLUMNS = List.of("request_summary", "change_before", "change_after");

    protected final Writer out;

    private AuditExportWriter(OutputStream stream) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 16 * 1024);
    }

    static AuditExportWriter of(AuditExportFormat format, OutputStream stream) throws IOException {
        AuditExportWriter writer = format == AuditExportFormat.CSV ? new Csv(stream) : new JsonLines(stream);
        writer.start();
        return writer;
    }

    protected void start() throws IOException {
    }

    abstract void writeRecord(AuditRecord record) throws IOException;

    void write(AuditRecord record) {
        try {
            writeRecord(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }

    private static final class Csv extends AuditExportWriter {

        Csv(OutputStream stream) {
            super(stream);
        }

        @Override
        protected void start() throws IOException {
            List<String> names = new ArrayList<>();
            COLUMNS.forEach(c -> names.add(c.name()));
            out.write(String.join(",", names));
            out.write("\r\n");
        }

        @Override
        void writeRecord(AuditRecord record) throws IOException {
            for (int i = 0; i < COLUMNS.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                Object value = COLUMNS.get(i).value().apply(record);
                if (value != null) {
                    out.write(cell(value.toString()));
                }
            }
            out.write("\r\n");
        }

        /**
         * Quotes a cell when needed, and defuses text a spreadsheet would run as a formula (attempted usernames are
         * whatever someone typed) by prefixing an apostrophe.
         */
        static String cell(String value) {
            String text = value;
            if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
                text = "'" + text;
            }
            if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                    || text.indexOf('\r') >= 0 || !text.equals(value)) {
                return '"' + text.replace("\"", "\"\"") + '"';
            }
            return text;
        }
    }

    private static final class JsonLines extends AuditExportWriter {

        private static final JsonMapper JSON = JsonMapper.builder().build();

        JsonLines(OutputStream stream) {
            super(stream);
        }

        @Override
        void writeRecord(AuditRecord record) throws IOException {
            ObjectNode line = JSON.createObjectNode();
            for (Column column : COLUMNS) {
                Object value = column.value().apply(record);
                if (value == null) {
                    line.putNull(column.name());
                } else if (value instanceof Long number) {
                    line.put(column.name(), number);
                } else if (value instanceof Integer number) {
                    line.put(column.name(), number);
                } else if (JSON_COLUMNS.contains(column.name())) {
                    line.set(column.name(), parsed(value.toString()));
                } else {
                    line.put(column.name(), value.toString());
                }
            }
            out.write(JSON.writeValueAsString(line));
            out.write('\n');
        }

        private static JsonNode parsed(String json) {
            try {
                return JSON.readTree(json);
            } catch (JacksonException notJson) {
                return JSON.getNodeFactory().stringNode(json);
            }
        }
    }
}
