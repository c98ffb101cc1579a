package dev.pipedeck.audit;

import java.util.List;

/**
 * One page of records, newest first.
 *
 * @param nextCursor pass as {@code before} to get the next (older) page; null on the last page
 */
public record AuditPage(List<AuditRecord> records, Long nextCursor) {

    public boolean hasMore() {
        return nextCursor != null;
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }
}
