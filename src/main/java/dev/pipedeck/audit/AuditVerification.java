package dev.pipedeck.audit;

import java.time.Instant;

/**
 * What "Verify integrity" found: the chain intact, or the first record that does not match and why.
 *
 * @param recordsChecked  records whose hashes were recomputed
 * @param firstBrokenId   the first record that does not match (null when intact, or when the problem is not one
 *                        record, such as a bad anchor or a removed tail)
 * @param problem         what does not match, in words; null when intact
 * @param anchoredFromId  when older records were purged by retention, the first id the chain is checked from
 */
public record AuditVerification(boolean intact, long recordsChecked, Long firstBrokenId, String problem,
        Long anchoredFromId, Instant checkedAt) {

    public String summary() {
        if (intact) {
            return "The audit chain is intact: " + recordsChecked + " record" + (recordsChecked == 1 ? "" : "s")
                    + " checked" + (anchoredFromId != null
                            ? " from #" + anchoredFromId + " (older records were purged by retention)" : "") + ".";
        }
        return "The audit chain is broken" + (firstBrokenId != null ? " at record #" + firstBrokenId : "") + ": "
                + problem;
    }
}
