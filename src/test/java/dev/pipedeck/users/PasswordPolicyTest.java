package dev.pipedeck.users;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void refusesShortPasswords() {
        assertThat(policy.check("eleven char", "alice")).hasValueSatisfying(m -> assertThat(m).contains("at least 12"));
    }

    @Test
    void acceptsTwelveCharactersWithNoCompositionRules() {
        assertThat(policy.check("twelve chars", "alice")).isEmpty();
        assertThat(policy.check("alllowercase", "alice")).isEmpty();
    }

    @Test
    void countsCharactersNotBytes() {
        // Twelve characters, many more UTF-8 bytes (and UTF-16 units for the emoji).
        assertThat(policy.check("ключ-ключ-ок", "alice")).isEmpty();
        assertThat(policy.check("🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑", "alice")).as("eleven emoji").isPresent();
    }

    @Test
    void acceptsUpTo128AndRefusesLonger() {
        assertThat(policy.check("a passphrase ".repeat(8), "alice")).as("104 characters").isEmpty();
        assertThat(policy.check("correct horse battery staple ".repeat(5).substring(0, 128), "alice")).isEmpty();
        assertThat(policy.check("y".repeat(129), "alice")).hasValueSatisfying(m -> assertThat(m).contains("at most 128"));
    }

    @Test
    void refusesCommonPasswordsWhateverTheirCase() {
        assertThat(policy.check("Password1234", "alice")).hasValueSatisfying(m -> assertThat(m).contains("common"));
        assertThat(policy.check("QWERTYUIOP123", "alice")).isPresent();
    }

    @Test
    void refusesTheUsernameAsPassword() {
        assertThat(policy.check("alice.example", "alice.example")).isPresent();
    }
}
