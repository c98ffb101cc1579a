package dev.pipedeck.users;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TOTP codes as authenticator apps make them (RFC 6238 over RFC 4226's HOTP): HMAC-SHA-1, 6 digits, 30-second steps
 * counted from the Unix epoch. A code is accepted for the current step or one step either side (clock drift).
 */
final class TimeBasedOneTimePassword {

    static final int DIGITS = 6;
    static final long STEP_SECONDS = 30;
    static final int ALLOWED_DRIFT_STEPS = 1;

    private TimeBasedOneTimePassword() {
    }

    /** The step an instant falls in. */
    static long stepAt(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS);
    }

    /** The code of {@code step}, {@code digits} long, with HMAC-{@code algorithm} (SHA1, SHA256, SHA512). */
    static String code(byte[] key, long step, int digits, String algorithm) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance("Hmac" + algorithm);
            mac.init(new SecretKeySpec(key, "Hmac" + algorithm));
            hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-" + algorithm + " is not available", e);
        }
        // RFC 4226 section 5.3: dynamic truncation to 31 bits, then the low decimal digits.
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        long modulus = (long) Math.pow(10, digits);
        return String.format("%0" + digits + "d", binary % modulus);
    }

    /** Pipedeck's codes: SHA-1, 6 digits (what every authenticator app supports). */
    static String code(byte[] key, long step) {
        return code(key, step, DIGITS, "SHA1");
    }

    /**
     * The step whose code {@code candidate} is, within the allowed drift around {@code now}; empty when it matches none.
     * Every candidate step is compared in constant time.
     */
    static OptionalLong matchingStep(byte[] key, String candidate, Instant now) {
        if (candidate == null || candidate.length() != DIGITS || !candidate.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        long current = stepAt(now);
        OptionalLong match = OptionalLong.empty();
        for (long step = current - ALLOWED_DRIFT_STEPS; step <= current + ALLOWED_DRIFT_STEPS; step++) {
            if (MessageDigest.isEqual(code(key, step).getBytes(StandardCharsets.US_ASCII),
                    candidate.getBytes(StandardCharsets.US_ASCII)) && match.isEmpty()) {
                match = OptionalLong.of(step);
            }
        }
        return match;
    }
}
