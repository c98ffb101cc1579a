package dev.pipedeck.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The chain's hash: SHA-256 over the previous record's hash and the record's canonical content, which lists every
 * stored field in a fixed order, each as {@code name=<length>:<value>} (or {@code name=~} for null) on its own line,
 * so no two different records share a canonical form.
 */
final class AuditHashing {

    /** The previous hash of the very first record. */
    static final String GENESIS = "0".repeat(64);

    private AuditHashing() {
    }

    static String hash(AuditRecord record) {
        return sha256Hex(canonical(record));
    }

    static String canonical(AuditRecord r) {
        StringBuilder out = new StringBuilder(512);
        field(out, "prev", r.prevHash());
        field(out, "id", Long.toString(r.id()));
        field(out, "occurredAt", r.occurredAt().toString());
        field(out, "actor", r.actor());
        field(out, "actorRole", r.actorRole());
        field(out, "channel", r.channel());
        field(out, "clientAddress", r.clientAddress());
        field(out, "userAgent", r.userAgent());
        field(out, "consoleRequestId", r.consoleRequestId());
        field(out, "action", r.action());
        field(out, "organizationId", r.organizationId());
        field(out, "organizationName", r.organizationName());
        field(out, "serviceId", r.serviceId());
        field(out, "serviceName", r.serviceName());
        field(out, "pipeId", r.pipeId());
        field(out, "pipeName", r.pipeName());
        field(out, "targetAccount", r.targetAccount());
        field(out, "requestSummary", r.requestSummary());
        field(out, "changeBefore", r.changeBefore());
        field(out, "changeAfter", r.changeAfter());
        field(out, "outcome", r.outcome());
        field(out, "httpStatus", r.httpStatus() == null ? null : r.httpStatus().toString());
        field(out, "errorText", r.errorText());
        field(out, "upstreamRequestId", r.upstreamRequestId());
        field(out, "attemptId", r.attemptId() == null ? null : r.attemptId().toString());
        field(out, "durationMs", r.durationMs() == null ? null : r.durationMs().toString());
        return out.toString();
    }

    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(name).append('=');
        if (value == null) {
            out.append('~');
        } else {
            out.append(value.length()).append(':').append(value);
        }
        out.append('\n');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
