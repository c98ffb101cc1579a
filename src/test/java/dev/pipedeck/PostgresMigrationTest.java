package dev.pipedeck;

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
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.testsupport.TestMasterKey;
import dev.pipedeck.users.Account;
import dev.pipedeck.users.AccountRepository;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.Role;

/**
 * The whole application on real PostgreSQL: Flyway runs every migration, Hibernate validates the schema against
 * the entities, and the repositories read and write.
 */
@SpringBootTest
class PostgresMigrationTest {

    static PostgresTestDatabase database;

    /** Before the context loads, so that "no PostgreSQL here" skips the test instead of failing the context. */
    @BeforeAll
    static void findPostgres() {
        database = PostgresTestDatabase.create();
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
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
    JdbcTemplate jdbc;

    @Autowired
    AccountService accounts;

    @Autowired
    AccountRepository repository;

    @Test
    void migrationsRunAndRepositoriesWork() {
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
        assertThat(jdbc.queryForObject("select current_schema()", String.class)).isEqualTo(database.schema());
        Integer failed = jdbc.queryForObject("select count(*) from flyway_schema_history where not success",
                Integer.class);
        assertThat(failed).isZero();

        Account created = TestAccounts.create(accounts, "pg-user", Role.OPERATOR);
        assertThat(repository.findByUsername("pg-user")).hasValueSatisfying(a -> {
            assertThat(a.getId()).isEqualTo(created.getId());
            assertThat(a.getRole()).isEqualTo(Role.OPERATOR);
        });
        assertThat(repository.countByRoleAndEnabledTrue(Role.OPERATOR)).isEqualTo(1);
    }
}
