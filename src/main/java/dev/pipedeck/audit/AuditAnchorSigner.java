package dev.pipedeck.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Signs retention anchors: HMAC-SHA256 under {@code pipedeck.audit.anchor-key} when one is configured (someone with
 * write access to the database but not the key cannot forge an anchor), else a plain SHA-256 (which catches
 * accidental damage only). Each signature covers the previous anchor's, so anchors chain too.
 */
@Component
class AuditAnchorSigner {

    static final String HMAC = "hmac-sha256";
    static final String HASH = "sha256";

    private final String key;

    AuditAnchorSigner(AuditProperties properties) {
        this.key = properties.anchorKey();
    }

    String kind() {
        return key == null ? HASH : HMAC;
    }

    String sign(String kind, Instant createdAt, long purgedThroughId, String purgedThroughHash, long purgedCount,
            String previousSignature) {
        String content = "createdAt=" + createdAt + "\npurgedThroughId=" + purgedThroughId + "\npurgedThroughHash="
                + purgedThroughHash + "\npurgedCount=" + purgedCount + "\nprevious="
                + (previousSignature == null ? "~" : previousSignature) + "\n";
        if (HMAC.equals(kind)) {
            if (key == null) {
                throw new IllegalStateException("This anchor was signed with a key; set pipedeck.audit.anchor-key");
            }
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
            }
        }
        return AuditHashing.sha256Hex(content);
    }

    boolean verify(String kind, Instant createdAt, long purgedThroughId, String purgedThroughHash, long purgedCount,
            String previousSignature, String signature) {
        String expected = sign(kind, createdAt, purgedThroughId, purgedThroughHash, purgedCount, previousSignature);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
