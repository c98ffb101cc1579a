package dev.pipedeck.wizard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.pipedeck.testsupport.PostgresTestDatabase;

/**
 * {@link StoredWizardDraftsTest} on real PostgreSQL: {@code V6__wizard_drafts} runs there unchanged, and the claim
 * holds under PostgreSQL's row locking. Skipped, saying why, when no PostgreSQL is available.
 */
class StoredWizardDraftsOnPostgresTest extends StoredWizardDraftsTest {

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
    }

    @AfterAll
    static void dropSchema() {
        if (database != null) {
            database.close();
        }
    }
}
