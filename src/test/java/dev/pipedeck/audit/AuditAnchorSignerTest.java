package dev.pipedeck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class AuditAnchorSignerTest {

    private static final Instant AT = Instant.parse("2026-05-01T03:17:00Z");
    private static final String HASH = "ab".repeat(32);

    @Test
    void withAKeyAnchorsAreHmacSignedAndOnlyThatKeyVerifiesThem() {
        AuditAnchorSigner signer = signer("anchor-key-1");
        AuditAnchorSigner otherKey = signer("anchor-key-2");
        assertThat(signer.kind()).isEqualTo(AuditAnchorSigner.HMAC);
        String signature = signer.sign(signer.kind(), AT, 100, HASH, 100, null);

        assertThat(signer.verify(AuditAnchorSigner.HMAC, AT, 100, HASH, 100, null, signature)).isTrue();
        assertThat(otherKey.verify(AuditAnchorSigner.HMAC, AT, 100, HASH, 100, null, signature)).isFalse();
        assertThat(signer.verify(AuditAnchorSigner.HMAC, AT, 101, HASH, 100, null, signature)).isFalse();
        assertThat(signer.verify(AuditAnchorSigner.HMAC, AT, 100, HASH, 100, "previous", signature)).isFalse();
        assertThat(signature).isNotEqualTo(signer.sign(AuditAnchorSigner.HASH, AT, 100, HASH, 100, null));
    }

    @Test
    void withoutAKeyAnchorsCarryAPlainHash() {
        AuditAnchorSigner signer = signer(null);
        assertThat(signer.kind()).isEqualTo(AuditAnchorSigner.HASH);
        String signature = signer.sign(signer.kind(), AT, 5, HASH, 5, null);
        assertThat(signer.verify(AuditAnchorSigner.HASH, AT, 5, HASH, 5, null, signature)).isTrue();
        assertThat(signer.verify(AuditAnchorSigner.HASH, AT, 5, HASH, 6, null, signature)).isFalse();
    }

    private static AuditAnchorSigner signer(String key) {
        return new AuditAnchorSigner(new AuditProperties(30, key, null, null));
    }
}
