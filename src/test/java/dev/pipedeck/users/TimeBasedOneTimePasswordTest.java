package dev.pipedeck.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The TOTP computation against the test vectors of RFC 6238 (appendix B) and RFC 4226 (appendix D), and base32. */
class TimeBasedOneTimePasswordTest {

    static final byte[] SHA1_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SHA256_KEY = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SHA512_KEY = ("1234567890123456789012345678901234567890123456789012345678901234")
            .getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "T = {0}: {1} / {2} / {3}")
    @CsvSource({
            "59,          94287082, 46119246, 90693936",
            "1111111109,  07081804, 68084774, 25091201",
            "1111111111,  14050471, 67062674, 99943326",
            "1234567890,  89005924, 91819424, 93441116",
            "2000000000,  69279037, 90698825, 38618901",
            "20000000000, 65353130, 77737706, 47863826"})
    void rfc6238TestVectors(long unixTime, String sha1, String sha256, String sha512) {
        long step = TimeBasedOneTimePassword.stepAt(Instant.ofEpochSecond(unixTime));
        assertThat(TimeBasedOneTimePassword.code(SHA1_KEY, step, 8, "SHA1")).isEqualTo(sha1);
        assertThat(TimeBasedOneTimePassword.code(SHA256_KEY, step, 8, "SHA256")).isEqualTo(sha256);
        assertThat(TimeBasedOneTimePassword.code(SHA512_KEY, step, 8, "SHA512")).isEqualTo(sha512);
    }

    @Test
    void rfc4226HotpValuesAreTheSixDigitCodesOfCounters() {
        String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
                "520489"};
        for (int counter = 0; counter < expected.length; counter++) {
            assertThat(TimeBasedOneTimePassword.code(SHA1_KEY, counter)).as("counter %d", counter)
                    .isEqualTo(expected[counter]);
        }
    }

    @Test
    void aCodeMatchesItsStepAndOneStepEitherSideButNoFurther() {
        Instant now = Instant.ofEpochSecond(1_111_111_111L);
        long step = TimeBasedOneTimePassword.stepAt(now);
        for (long drift = -1; drift <= 1; drift++) {
            String code = TimeBasedOneTimePassword.code(SHA1_KEY, step + drift);
            assertThat(TimeBasedOneTimePassword.matchingStep(SHA1_KEY, code, now)).hasValue(step + drift);
        }
        assertThat(TimeBasedOneTimePassword.matchingStep(SHA1_KEY, TimeBasedOneTimePassword.code(SHA1_KEY, step + 2),
                now)).isEmpty();
        assertThat(TimeBasedOneTimePassword.matchingStep(SHA1_KEY, TimeBasedOneTimePassword.code(SHA1_KEY, step - 2),
                now)).isEmpty();
        assertThat(TimeBasedOneTimePassword.matchingStep(SHA1_KEY, "12345", now)).isEmpty();
        assertThat(TimeBasedOneTimePassword.matchingStep(SHA1_KEY, "abcdef", now)).isEmpty();
        assertThat(TimeBasedOneTimePassword.matchingStep(SHA1_KEY, null, now)).isEmpty();
    }

    @Test
    void base32AsInRfc4648() {
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Base32.encode("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
        assertThat(new String(Base32.decode("mzxw 6ytb oi======"), StandardCharsets.US_ASCII)).isEqualTo("foobar");
        assertThat(Base32.encode(SHA1_KEY)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Base32.decode(Base32.encode(SHA512_KEY))).isEqualTo(SHA512_KEY);
    }
}
