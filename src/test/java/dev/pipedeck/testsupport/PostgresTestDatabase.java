package dev.pipedeck.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL for tests: the server named by {@code PIPEDECK_TEST_POSTGRES_URL} (CI points it at the local
 * server), else a Testcontainers PostgreSQL when Docker is available, else the test is skipped with the reason.
 * Each use gets its own schema, dropped afterwards, so runs never see each other's data.
 */
public final class PostgresTestDatabase implements AutoCloseable {

    public static final String URL_VARIABLE = "PIPEDECK_TEST_POSTGRES_URL";

    private static PostgreSQLContainer container;

    private final String baseUrl;
    private final String username;
    private final String password;
    private final String schema;

    private PostgresTestDatabase(String baseUrl, String username, String password) {
        this.baseUrl = baseUrl;
        this.username = username;
        this.password = password;
        this.schema = "pipedeck_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        execute("create schema " + schema);
    }

    /** A fresh schema on a real PostgreSQL, or a skipped test saying why there is none. */
    public static PostgresTestDatabase create() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return new PostgresTestDatabase(url, System.getenv().getOrDefault("PIPEDECK_TEST_POSTGRES_USER", "postgres"),
                    System.getenv().getOrDefault("PIPEDECK_TEST_POSTGRES_PASSWORD", ""));
        }
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        Assumptions.assumeTrue(docker, "Skipped: no PostgreSQL for this test. Set " + URL_VARIABLE
                + " (e.g. jdbc:postgresql://127.0.0.1:5432/test) or make Docker available for Testcontainers.");
        synchronized (PostgresTestDatabase.class) {
            if (container == null) {
                container = new PostgreSQLContainer("postgres:17-alpine");
                container.start();
            }
        }
        return new PostgresTestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    /** The JDBC URL of this test's own schema. */
    public String url() {
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public String schema() {
        return schema;
    }

    @Override
    public void close() {
        execute("drop schema if exists " + schema + " cascade");
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(baseUrl, username, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test database: " + e.getMessage(), e);
        }
    }
}
