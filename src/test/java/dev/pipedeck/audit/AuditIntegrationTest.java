package dev.pipedeck.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.context.TestSecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.pipedeck.testsupport.TestMasterKey;

/**
 * Base of the audit integration tests: the whole application on a real database, H2 in PostgreSQL mode by default,
 * or PostgreSQL when {@code PIPEDECK_TEST_POSTGRES_URL} is set (a fresh schema {@value #POSTGRES_SCHEMA} is made
 * for the run; {@code PIPEDECK_TEST_POSTGRES_USER}/{@code _PASSWORD} default to postgres and empty). All subclasses
 * share one application context and database, so tests look only at the records they made themselves.
 */
@SpringBootTest
@AutoConfigureMockMvc
public abstract class AuditIntegrationTest {

    static final String POSTGRES_SCHEMA = "pipedeck_audit_test";
    private static boolean postgresSchemaReset;

    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String postgres = System.getenv("PIPEDECK_TEST_POSTGRES_URL");
        if (postgres == null || postgres.isBlank()) {
            registry.add("spring.datasource.url", () -> "jdbc:h2:mem:pipedeck-audit-test;MODE=PostgreSQL;"
                    + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=-1");
            registry.add("spring.datasource.username", () -> "sa");
            return;
        }
        String user = envOr("PIPEDECK_TEST_POSTGRES_USER", "postgres");
        String password = envOr("PIPEDECK_TEST_POSTGRES_PASSWORD", "");
        resetPostgresSchema(postgres, user, password);
        String separator = postgres.contains("?") ? "&" : "?";
        registry.add("spring.datasource.url", () -> postgres + separator + "currentSchema=" + POSTGRES_SCHEMA + ",public");
        registry.add("spring.datasource.username", () -> user);
        registry.add("spring.datasource.password", () -> password);
        registry.add("spring.flyway.schemas", () -> POSTGRES_SCHEMA);
        registry.add("pipedeck.master-key", () -> MASTER_KEY);
    }

    /** PostgreSQL deployments must be given a master key (Pipedeck generates one only for embedded H2). */
    private static final String MASTER_KEY = TestMasterKey.newBase64Keyset();

    private static synchronized void resetPostgresSchema(String url, String user, String password) {
        if (postgresSchemaReset) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + POSTGRES_SCHEMA + " cascade");
            // Kept outside the test schema, so dropping that schema never takes the extension from anyone else.
            statement.execute("create extension if not exists pg_trgm schema public");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the PostgreSQL test schema", e);
        }
        postgresSchemaReset = true;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The id of the newest record so far: tests look at the records after it. */
    protected long lastRecordId() {
        Long id = jdbc.queryForObject("select coalesce(max(id), 0) from audit_record", Long.class);
        return id == null ? 0 : id;
    }

    protected List<AuditRecord> recordsAfter(long id) {
        return jdbc.query("select " + AuditRecordQuery.COLUMNS + " from audit_record a where a.id > ? order by a.id",
                AuditRecordQuery.ROW, id);
    }

    protected AuditRecord onlyRecordAfter(long id) {
        List<AuditRecord> records = recordsAfter(id);
        if (records.size() != 1) {
            throw new AssertionError("Expected exactly one new audit record, found " + records);
        }
        return records.get(0);
    }

    /** Runs as a signed-in user with the given role (for service calls under method security). */
    protected static void signInAs(String username, String role) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                username, null, List.of(new SimpleGrantedAuthority("ROLE_" + role))));
        TestSecurityContextHolder.setContext(context);
    }

    protected static void signOut() {
        TestSecurityContextHolder.clearContext();
    }
}
