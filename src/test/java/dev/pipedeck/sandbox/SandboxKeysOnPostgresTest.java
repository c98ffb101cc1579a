package dev.pipedeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.pipedeck.testsupport.PostgresTestDatabase;
import dev.pipedeck.testsupport.TestMasterKey;

/**
 * Sandbox keys on real PostgreSQL: {@code V4__sandbox_keys} runs there, and keys are issued, listed and checked.
 * Skipped, saying why, when no PostgreSQL is available.
 */
@SpringBootTest
class SandboxKeysOnPostgresTest {

    static PostgresTestDatabase database;

    /** Before the context loads, so the class is skipped (not failed) where there is no PostgreSQL. */
    @BeforeAll
    static void createSchema() {
        database = PostgresTestDatabase.create();
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> database.url());
        registry.add("spring.datasource.username", () -> database.username());
        registry.add("spring.datasource.password", () -> database.password());
        String masterKey = TestMasterKey.newBase64Keyset();
        registry.add("pipedeck.master-key", () -> masterKey);
    }

    @AfterAll
    static void dropSchema() {
        if (database != null) {
            database.close();
        }
    }

    @Autowired
    SandboxAccess access;

    @Autowired
    SandboxKeys keys;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void keysAreIssuedStoredAsHashesAndChecked() {
        SandboxCredentials issued = access.issueKey("on postgres");

        assertThat(keys.authenticate(issued.keyId(), issued.keySecret())).isTrue();
        assertThat(keys.authenticate(issued.keyId(), issued.keySecret() + "x")).isFalse();
        assertThat(jdbc.queryForObject("select secret_hash from sandbox_key where key_id = ?", String.class,
                issued.keyId())).startsWith("{sha256}").doesNotContain(issued.keySecret());
        assertThat(keys.listJson(SandboxSeed.ORGANIZATION_CREATED_AT).toString()).contains("\"on postgres\"")
                .doesNotContain(issued.keySecret());
        assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where script = ? and success",
                Integer.class, "V4__sandbox_keys.sql")).isEqualTo(1);
    }
}
