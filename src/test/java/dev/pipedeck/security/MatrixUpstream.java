package dev.pipedeck.security;

import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import dev.pipedeck.testsupport.FakeCloud;
import dev.pipedeck.web.RoleMatrixTest;

/**
 * The role matrix's routes against a connected organization of their own: a {@link FakeCloud} answering what the
 * routes read and change, and the placeholders of {@link RoleMatrixTest#routes()} filled in.
 */
final class MatrixUpstream implements AutoCloseable {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\w+}");

    final String organization = UUID.randomUUID().toString();
    final FakeCloud cloud = RoleMatrixTest.answerTheRoutes(new FakeCloud(), organization);

    /** Connects the organization (as an admin) unless it is connected already. */
    void connectOnce(MockMvc mvc, JdbcTemplate jdbc) throws Exception {
        if (jdbc.queryForObject("select count(*) from org_connection where organization_id = ?", Integer.class,
                organization) == 0) {
            cloud.connectOrganization(mvc, organization, "Proofs org");
        }
    }

    /**
     * The route's path with its placeholders filled in ({@code target}: an account id). A placeholder these proofs do
     * not know (one the role matrix resolves from rows it prepares itself) becomes {@code 1}: the route is still
     * swept, it just names nothing that exists (see {@link #namesSomethingThatExists}).
     */
    String path(RoleMatrixTest.Route route, long target) {
        return PLACEHOLDER.matcher(known(route.path(), target)).replaceAll("1");
    }

    /** Whether every placeholder of the route is one these proofs fill with something that exists. */
    boolean namesSomethingThatExists(RoleMatrixTest.Route route) {
        return !PLACEHOLDER.matcher(known(route.path(), 0)).find();
    }

    private String known(String path, long target) {
        return path.replace("{target}", Long.toString(target)).replace("{org}", organization)
                .replace("{service}", RoleMatrixTest.SERVICE).replace("{endpoint}", RoleMatrixTest.ENDPOINT);
    }

    /** The path of the service the routes use, e.g. {@code /organizations/<org>/services/<service>}. */
    String servicePath() {
        return "/organizations/" + organization + "/services/" + RoleMatrixTest.SERVICE;
    }

    /** Requests ClickHouse Cloud received that would change something (anything but reads). */
    long changesSent() {
        return cloud.received().stream().filter(received -> !received.method().equals("GET")).count();
    }

    @Override
    public void close() {
        cloud.close();
    }
}
