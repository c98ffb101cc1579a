package dev.pipedeck.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SecretBindingTest {

    @Test
    void associatedDataIsTableColonRowId() {
        assertThat(new String(new SecretBinding("org_connection", 42).associatedData(), StandardCharsets.UTF_8))
                .isEqualTo("org_connection:42");
        assertThat(new SecretBinding("org_connection", 42)).isEqualTo(new SecretBinding("org_connection", "42"));
    }

    @Test
    void rejectsBlankOrAmbiguousParts() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SecretBinding(" ", 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new SecretBinding("a:b", 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new SecretBinding("a", ""));
        assertThatIllegalArgumentException().isThrownBy(() -> new SecretBinding(null, "1"));
    }
}
