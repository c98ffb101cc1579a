package dev.pipedeck.users;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.crypto.password.PasswordEncoder;

/** PIPEDECK_ADMIN_USERNAME and PIPEDECK_ADMIN_PASSWORD create the first admin, hashed with Argon2. */
@SpringBootTest(properties = {"pipedeck.admin.username=Ops.Lead", "pipedeck.admin.password=env admin passphrase"})
@ExtendWith(OutputCaptureExtension.class)
class FirstAdminFromEnvironmentTest {

    @Autowired
    AccountRepository accounts;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Test
    void theEnvironmentAdminExistsWithAnArgon2Hash(CapturedOutput output) {
        Account admin = accounts.findByUsername("ops.lead").orElseThrow();
        assertThat(admin.getRole()).isEqualTo(Role.ADMIN);
        assertThat(admin.getPasswordHash()).startsWith("{argon2}");
        assertThat(passwordEncoder.matches("env admin passphrase", admin.getPasswordHash())).isTrue();
        assertThat(output.getAll()).doesNotContain("/setup?token=").doesNotContain("env admin passphrase");
    }
}
