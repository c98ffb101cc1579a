package dev.pipedeck.audit;

/** The formats the filtered audit records can be downloaded in. */
public enum AuditExportFormat {
    CSV("text/csv;charset=UTF-8", "csv"),
    JSON_LINES("application/x-ndjson;charset=UTF-8", "jsonl");

    private final String contentType;
    private final String extension;

    AuditExportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }
}
