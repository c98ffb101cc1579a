package dev.pipedeck.wizard;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * What the wizard walk tests do alike: connect their organization (to a fake cloud) once, and post a wizard step as
 * an operator pressing Next.
 */
final class WizardWalker {

    private WizardWalker() {
    }

    /**
     * Connects the organization as an admin unless it is connected already; its key is {@code <keyPrefix>01} with
     * the secret {@code <keyPrefix>KeySecret99}, saved without verifying it.
     */
    static void connectOnce(MockMvc mvc, JdbcTemplate jdbc, String organizationId, String displayName,
            String keyPrefix, String baseUrl) throws Exception {
        if (jdbc.queryForObject("select count(*) from org_connection where organization_id = ?", Integer.class,
                organizationId) == 0) {
            mvc.perform(post("/organizations").with(csrf()).with(user("admin").roles("ADMIN"))
                    .param("displayName", displayName).param("organizationId", organizationId)
                    .param("keyId", keyPrefix + "01").param("keySecret", keyPrefix + "KeySecret99")
                    .param("baseUrl", baseUrl)
                    .param("budgetRequests", "1000").param("budgetWindowSeconds", "1")
                    .param("saveUnverified", "true"));
        }
    }

    /** Posts step {@code step} of the wizard at {@code base} with these fields, pressing Next. */
    static MockHttpServletResponse step(MockMvc mvc, String base, int step, Map<String, String> fields)
            throws Exception {
        MockHttpServletRequestBuilder request = post(base + "/step/" + step).with(csrf())
                .with(user("walker").roles("OPERATOR")).param("_action", "next");
        fields.forEach(request::param);
        return mvc.perform(request).andReturn().getResponse();
    }

    /**
     * Posts the step and gives where it leads, or, when the step is shown again, {@code stayed on <step>: } and the
     * start of its first field message (so a failed assertion says why).
     */
    static String next(MockMvc mvc, String base, int step, Map<String, String> fields) throws Exception {
        MockHttpServletResponse response = step(mvc, base, step, fields);
        return response.getRedirectedUrl() != null ? response.getRedirectedUrl()
                : "stayed on " + step + ": " + response.getContentAsString().replaceAll(
                        "(?s).*?(<span class=\"field-error\"[^>]*role=\"alert\">[^<]*).*", "$1");
    }
}
