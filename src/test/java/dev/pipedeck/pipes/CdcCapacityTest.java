package dev.pipedeck.pipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.HtmlUtils;

import dev.pipedeck.testsupport.FakeCloud;
import dev.pipedeck.testsupport.OpenApiSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An operator sizes the compute a service's database pipes share with a cores slider (memory follows at 4 GiB per
 * core, 2 cores are one compute unit); values outside 1–32 are refused; a service without a database pipe gets an
 * explanation instead of an error; every change is audited before → after. Viewers only read.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CdcCapacityTest {

    static final String SERVICE = "5f3c1a2b-aaaa-4bbb-8ccc-00000000c001";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    FakeCloud cloud;
    String organizationId;
    String page;
    String scaling;

    @BeforeEach
    void connect() throws Exception {
        cloud = new FakeCloud();
        organizationId = UUID.randomUUID().toString();
        cloud.connectOrganization(mvc, organizationId, "CDC org");
        String service = "/organizations/" + organizationId + "/services/" + SERVICE;
        scaling = service + "/clickpipesCdcScaling";
        page = "/organizations/" + organizationId + "/services/" + SERVICE + "/cdc-capacity";
        cloud.ok("GET", service, "{\"id\":\"" + SERVICE + "\",\"name\":\"analytics-prod\"}");
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    @Test
    void theSliderShowsTheCurrentCapacityWithItsMemoryAndComputeUnits() throws Exception {
        cloud.ok("GET", scaling, "{\"replicaCpuMillicores\":2000,\"replicaMemoryGb\":8}");
        String html = html("OPERATOR");
        assertThat(html).contains("CDC capacity", "analytics-prod", "aria-current=\"page\"",
                "type=\"range\"", "name=\"cores\"", "min=\"1\"", "max=\"32\"", "step=\"1\"", "value=\"2\"",
                "data-output=\"#cdc-cores-out\"", "Current: <span>2</span> cores", "<option value=\"2\" label=\"current\">",
                "data-scale=\"4\"", ">8 GiB</output>", "data-scale=\"0.5\"", ">1</output>", "Apply");
        assertThat(html).containsPattern("<strong>2</strong> cores ·\\s*<strong>8</strong> GiB ·\\s*<strong>1</strong>\\s*compute unit(?!s)");
    }

    @Test
    void applySendsWholeCoresWithFourGibEachAndIsAuditedBeforeToAfter() throws Exception {
        cloud.ok("GET", scaling, "{\"replicaCpuMillicores\":2000,\"replicaMemoryGb\":8}");
        AtomicReference<String> patch = new AtomicReference<>();
        cloud.on("PATCH", scaling, call -> {
            patch.set(call.body());
            return FakeCloud.envelope("{\"replicaCpuMillicores\":6000,\"replicaMemoryGb\":24}");
        });

        MvcResult applied = apply("6", "OPERATOR");
        assertThat(applied.getResponse().getRedirectedUrl()).isEqualTo(page);
        JsonNode body = JSON.readTree(patch.get());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("replicaCpuMillicores", "replicaMemoryGb");
        assertThat(body.get("replicaCpuMillicores").asInt()).isEqualTo(6000);
        assertThat(body.get("replicaMemoryGb").asDouble()).isEqualTo(24.0);
        var spec = OpenApiSpec.loadOrSkip();
        assertThat(spec.violations(spec.operation("PATCH", "/v1" + scaling).requestSchema(), body)).isEmpty();
        assertThat(String.valueOf(applied.getFlashMap().get("success"))).contains(
                "from 2 cores · 8 GiB · 1 compute unit to 6 cores · 24 GiB · 3 compute units");

        Map<String, Object> record = jdbc.queryForMap("select outcome, change_before, change_after, service_name "
                + "from audit_record where action = 'service.cdcScaling.update' and organization_id = ? "
                + "and outcome <> 'attempt'", organizationId);
        assertThat(record.get("outcome")).isEqualTo("success");
        assertThat(record.get("service_name")).isEqualTo("analytics-prod");
        assertThat(JSON.readTree((String) record.get("change_before")).get("replicaCpuMillicores").asInt())
                .isEqualTo(2000);
        assertThat(JSON.readTree((String) record.get("change_after")).get("replicaCpuMillicores").asInt())
                .isEqualTo(6000);
        assertThat(JSON.readTree((String) record.get("change_after")).get("replicaMemoryGb").asDouble())
                .isEqualTo(24.0);

        cloud.ok("GET", scaling, "{\"replicaCpuMillicores\":6000,\"replicaMemoryGb\":24}");
        assertThat(HtmlUtils.htmlUnescape(apply("6", "OPERATOR").getResponse().getContentAsString()))
                .contains("It already has 6 cores · 24 GiB · 3 compute units, so nothing was sent.");
        assertThat(cloud.count("PATCH", scaling)).isEqualTo(1);
    }

    @Test
    void coresOutsideOneToThirtyTwoAreRefusedWithoutAnUpstreamCall() throws Exception {
        cloud.ok("GET", scaling, "{\"replicaCpuMillicores\":2000,\"replicaMemoryGb\":8}");
        cloud.ok("PATCH", scaling, "{}");
        for (String typed : new String[] {"0", "33", "2.5", "lots"}) {
            MvcResult refused = apply(typed, "OPERATOR");
            assertThat(refused.getResponse().getStatus()).isEqualTo(200);
            assertThat(HtmlUtils.htmlUnescape(refused.getResponse().getContentAsString()))
                    .contains("Choose 1 to 32 whole cores.", "You sent <code>" + typed + "</code>", "value=\"2\"");
        }
        assertThat(cloud.count("PATCH", scaling)).isZero();
        assertThat(jdbc.queryForList("select outcome from audit_record where action = 'service.cdcScaling.update' "
                + "and organization_id = ?", organizationId).toString()).contains("invalid").doesNotContain("success");
    }

    @Test
    void aServiceWithoutDatabasePipesIsExplainedNotShownAsAnError() throws Exception {
        // What the sandbox (and the spec: "available once at least one database ClickPipe was provisioned") answers.
        String error = "NOT_FOUND: CDC scaling of service " + SERVICE + " is not available: it becomes available "
                + "once at least one database ClickPipe was provisioned";
        cloud.fail("GET", scaling, 404, error);
        cloud.ok("PATCH", scaling, "{}");

        String html = html("OPERATOR");
        assertThat(html).contains("CDC capacity appears once the service has a Postgres, MySQL, MongoDB or BigQuery pipe",
                FakeCloud.requestIdFor(error)).doesNotContain("type=\"range\"", "could not be read", "HTTP 404");

        String afterApply = HtmlUtils.htmlUnescape(apply("4", "OPERATOR").getResponse().getContentAsString());
        assertThat(afterApply).contains("CDC capacity appears once the service has a Postgres");
        assertThat(cloud.count("PATCH", scaling)).isZero();
    }

    @Test
    void otherUpstreamFailuresShowTheMessageAndRequestId() throws Exception {
        cloud.ok("GET", scaling, "{\"replicaCpuMillicores\":2000,\"replicaMemoryGb\":8}");
        String error = "BAD_REQUEST: scaling is already being changed";
        cloud.fail("PATCH", scaling, 400, error);
        String html = HtmlUtils.htmlUnescape(apply("8", "OPERATOR").getResponse().getContentAsString());
        assertThat(html).contains("ClickHouse Cloud did not change the CDC capacity", "scaling is already being changed",
                FakeCloud.requestIdFor(error), "value=\"8\"");
        assertThat(jdbc.queryForList("select outcome, upstream_request_id from audit_record where action = "
                + "'service.cdcScaling.update' and organization_id = ? and outcome <> 'attempt'", organizationId)
                .toString()).contains("invalid", FakeCloud.requestIdFor(error));
    }

    @Test
    void viewersSeeTheCapacityButNoApplyAndTheirForgedPostIsRefused() throws Exception {
        cloud.ok("GET", scaling, "{\"replicaCpuMillicores\":4000,\"replicaMemoryGb\":16}");
        cloud.ok("PATCH", scaling, "{}");
        String html = html("VIEWER");
        assertThat(html).contains("value=\"4\"", "disabled=\"disabled\"", "Changing the capacity needs the Operator role")
                .doesNotContain(">Apply</button>");
        assertThat(apply("8", "VIEWER").getResponse().getStatus()).isEqualTo(403);
        assertThat(cloud.count("PATCH", scaling)).isZero();
    }

    private String html(String role) throws Exception {
        var response = mvc.perform(get(page).with(user(role.toLowerCase()).roles(role))).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return HtmlUtils.htmlUnescape(response.getContentAsString());
    }

    private MvcResult apply(String cores, String role) throws Exception {
        return mvc.perform(post(page).with(csrf()).with(user(role.toLowerCase()).roles(role)).param("cores", cores))
                .andReturn();
    }
}
