package dev.pipedeck.pipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.pipedeck.cloud.clickpipe.CreateReversePrivateEndpoint;
import dev.pipedeck.testsupport.CookieSession;
import dev.pipedeck.testsupport.FakeCloud;
import dev.pipedeck.testsupport.OpenApiSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reverse private endpoints pages against ClickHouse Cloud at the HTTP boundary: operators see a service's
 * endpoints, create one of each type with a body the published spec accepts, replace an endpoint's custom DNS names
 * and delete it, every change audited; bad input is refused at its field before anything is sent; upstream failures
 * show the API's message and requestId with the form kept; viewers read but cannot change anything.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ReversePrivateEndpointsPagesTest {

    static final String SERVICE = "5f3c1a2b-aaaa-4bbb-8ccc-00000000e001";
    static final String READY = "11111111-2222-4333-8444-000000000001";
    static final String MSK = "11111111-2222-4333-8444-000000000002";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    FakeCloud cloud;
    String organizationId;
    String endpoints;
    String page;

    @BeforeEach
    void connect() throws Exception {
        cloud = new FakeCloud();
        organizationId = UUID.randomUUID().toString();
        cloud.connectOrganization(mvc, organizationId, "Endpoints org");
        String service = "/organizations/" + organizationId + "/services/" + SERVICE;
        endpoints = service + "/clickpipesReversePrivateEndpoints";
        page = service + "/private-endpoints";
        cloud.ok("GET", service, "{\"id\":\"" + SERVICE + "\",\"name\":\"analytics-prod\",\"state\":\"running\"}");
        cloud.ok("GET", service + "/clickpipes", """
                [{"id":"9e8d7c6b-1111-4222-8333-000000000002","name":"payments from MSK","state":"Running",
                  "source":{"kafka":{"type":"msk","format":"JSONEachRow","brokers":"b-1.internal:9096",
                  "topics":"payments","reversePrivateEndpointIds":["%s"]}}}]""".formatted(READY));
        cloud.ok("GET", endpoints, "[" + readyEndpoint("msk.prod.internal") + "," + """
                {"id":"%s","description":"Orders cluster","type":"MSK_MULTI_VPC",
                 "mskClusterArn":"arn:aws:kafka:us-east-1:123456789012:cluster/orders/abc","mskAuthentication":"SASL_IAM",
                 "endpointId":"vpce-0msk","dnsNames":[],"privateDnsNames":[],"status":"Provisioning"}""".formatted(MSK)
                + "]");
        cloud.ok("GET", endpoints + "/" + READY, readyEndpoint("msk.prod.internal"));
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    static String readyEndpoint(String... names) {
        StringBuilder mappings = new StringBuilder();
        for (String name : names) {
            mappings.append(mappings.isEmpty() ? "" : ",").append("{\"privateDnsName\":\"").append(name).append("\"}");
        }
        return """
                {"id":"%s","description":"Brokers in the prod VPC","type":"VPC_ENDPOINT_SERVICE",
                 "vpcEndpointServiceName":"com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60718",
                 "customPrivateDnsMappings":[%s],"endpointId":"vpce-0a1b2c3d4e5f60718",
                 "dnsNames":["vpce-0a1b2c3d4e5f60718.vpce-svc.us-east-1.vpce.amazonaws.com"],
                 "privateDnsNames":[%s],"status":"Ready"}"""
                .formatted(READY, mappings, String.join(",", java.util.Arrays.stream(names)
                        .map(n -> "\"" + n + "\"").toList()));
    }

    // ---- the list ----

    @Test
    void theListShowsEachEndpointsTypeStatusIdsDnsNamesAndThePipesThatUseIt() throws Exception {
        String html = body(mvc.perform(get(page).with(user("op").roles("OPERATOR"))).andReturn().getResponse());

        assertThat(html).contains("Reverse private endpoints", "analytics-prod", "aria-current=\"page\"")
                .contains("Brokers in the prod VPC", "AWS VPC endpoint service",
                        "com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60718", "vpce-0a1b2c3d4e5f60718",
                        "vpce-0a1b2c3d4e5f60718.vpce-svc.us-east-1.vpce.amazonaws.com", "msk.prod.internal")
                .contains("Orders cluster", "Amazon MSK multi-VPC", "(SASL_IAM)", "vpce-0msk")
                .contains("payments from MSK");
        assertThat(html).containsPattern("class=\"badge state-ok\">Ready<")
                .containsPattern("class=\"badge state-transient\">Provisioning<");
        assertThat(html).as("a settling endpoint: the table refreshes itself")
                .contains("hx-trigger=\"every 10s\"", "hx-get=\"" + page + "\"");
        assertThat(html).as("operators get the forms").contains("Create endpoint", ">Delete<", "Edit DNS names")
                .contains("Delete this reverse private endpoint? Pipes that use it (payments from MSK)");
        assertThat(html.split("Edit DNS names", -1)).as("not offered for MSK multi-VPC").hasSize(2);

        String fragment = body(mvc.perform(get(page).header("HX-Request", "true").with(user("op").roles("OPERATOR")))
                .andReturn().getResponse());
        assertThat(fragment).contains("id=\"endpoints\"", "Orders cluster").doesNotContain("<html", "Create endpoint");
    }

    @Test
    void aListThatCannotBeReadShowsTheApiMessageAndRequestId() throws Exception {
        String error = "FAILED_DEPENDENCY: Service is not running. Current state: idle";
        cloud.fail("GET", endpoints, 424, error);
        String html = body(mvc.perform(get(page).with(user("v").roles("VIEWER"))).andReturn().getResponse());
        assertThat(html).contains("The service is idle: ClickPipes calls fail until it wakes.", "HTTP 424",
                FakeCloud.requestIdFor(error));
    }

    // ---- create ----

    @Test
    void eachTypeIsCreatedWithOnlyItsOwnFieldsInABodyTheSpecAcceptsAndAudited() throws Exception {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        JsonNode schema = spec.operation("POST", "/v1" + endpoints).requestSchema();
        Map<String, List<String>> fieldsOf = Map.of(
                "VPC_ENDPOINT_SERVICE", List.of("vpcEndpointServiceName"),
                "VPC_RESOURCE", List.of("vpcResourceConfigurationId", "vpcResourceShareArn"),
                "MSK_MULTI_VPC", List.of("mskClusterArn", "mskAuthentication"),
                "GCP_PSC_SERVICE_ATTACHMENT", List.of("gcpServiceAttachment"));
        cloud.on("POST", endpoints, call -> FakeCloud.envelope(call.body().replaceFirst("\\{",
                "{\"id\":\"" + UUID.randomUUID() + "\",\"status\":\"Provisioning\",")));

        for (String type : CreateReversePrivateEndpoint.TYPES) {
            String slug = type.toLowerCase().replace('_', '-');
            int before = cloud.received().size();
            MockHttpServletRequestBuilder create = everyField(post(page), type);
            if (!type.equals("MSK_MULTI_VPC")) {
                create.param("privateDnsNames[0]", "db-" + slug + ".example.internal")
                        .param("privateDnsNames[1]", "")
                        .param("privateDnsNames[2]", "*.wild-" + slug + ".internal");
            }
            MvcResult result = mvc.perform(create.with(csrf()).with(user("op").roles("OPERATOR"))).andReturn();

            assertThat(result.getResponse().getRedirectedUrl()).as(type).isEqualTo(page);
            assertThat(String.valueOf(result.getFlashMap().get("success"))).contains("Created", "Provisioning");
            FakeCloud.Received sent = cloud.received().stream().skip(before)
                    .filter(r -> r.method().equals("POST")).findFirst().orElseThrow();
            assertThat(sent.path()).isEqualTo("/v1" + endpoints);
            JsonNode body = JSON.readTree(sent.body());
            assertThat(spec.violations(schema, body)).as(type + ": " + body).isEmpty();
            List<String> expected = new java.util.ArrayList<>(List.of("description", "type"));
            expected.addAll(fieldsOf.get(type));
            if (!type.equals("MSK_MULTI_VPC")) {
                expected.add("customPrivateDnsMappings");
            }
            assertThat(body.propertyNames()).as("only %s's own fields", type).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(body.get("type").asString()).isEqualTo(type);
            assertThat(body.get("description").asString()).isEqualTo("Route to " + type);
            if (!type.equals("MSK_MULTI_VPC")) {
                assertThat(body.get("customPrivateDnsMappings").toString()).as("blank rows are dropped")
                        .isEqualTo("[{\"privateDnsName\":\"db-" + slug + ".example.internal\"},"
                                + "{\"privateDnsName\":\"*.wild-" + slug + ".internal\"}]");
            }
        }
        List<Map<String, Object>> results = jdbc.queryForList("select outcome, service_id, change_after "
                + "from audit_record where action = 'service.privateEndpoint.create' and organization_id = ? "
                + "and outcome <> 'attempt' order by id", organizationId);
        assertThat(results).hasSize(4).allSatisfy(row -> {
            assertThat(row.get("outcome")).isEqualTo("success");
            assertThat(row.get("service_id")).isEqualTo(SERVICE);
            assertThat(String.valueOf(row.get("change_after"))).contains("Provisioning");
        });
        assertThat(jdbc.queryForList("select request_summary from audit_record where action = "
                + "'service.privateEndpoint.create' and organization_id = ? and outcome = 'attempt'", organizationId)
                .toString()).contains("VPC_RESOURCE", "arn:aws:ram:us-east-1:123456789012:resource-share/",
                "SASL_SCRAM", "projects/my-project/regions/us-central1/serviceAttachments/my-service");
    }

    @Test
    void aMissingOrMalformedFieldOfTheChosenTypeIsRefusedAtTheFieldWithTypedValuesKeptAndNothingSent()
            throws Exception {
        String html = body(mvc.perform(post(page).with(csrf()).with(user("op").roles("OPERATOR"))
                .param("description", "Shared RDS").param("type", "VPC_RESOURCE")
                .param("vpcResourceConfigurationId", "rcfg-0123456789abcdef0")
                .param("vpcResourceShareArn", "")
                .param("mskClusterArn", "left over from another type")
                .param("privateDnsNames[0]", "rds.internal").param("privateDnsNames[1]", "not a name!")
                .param("privateDnsNames[2]", "RDS.internal")).andReturn().getResponse());

        assertThat(html).contains("A VPC resource needs the ARN of the RAM resource share.")
                .contains("value=\"Shared RDS\"", "value=\"rcfg-0123456789abcdef0\"", "value=\"rds.internal\"",
                        "value=\"not a name!\"", "<option value=\"VPC_RESOURCE\" selected=\"selected\"")
                .contains("Use a host name such as db.example.internal", "This name is already in the list.")
                .contains("value=\"left over from another type\"");
        assertThat(fieldError(html, "vpcResourceShareArn")).isTrue();
        assertThat(fieldError(html, "privateDnsNames1")).isTrue();
        assertThat(fieldError(html, "privateDnsNames0")).isFalse();

        String msk = body(mvc.perform(post(page).with(csrf()).with(user("op").roles("OPERATOR"))
                .param("type", "MSK_MULTI_VPC").param("mskClusterArn", "arn:aws:ram:us-east-1:123456789012:resource-share/x")
                .param("privateDnsNames[0]", "kafka.internal")).andReturn().getResponse());
        assertThat(msk).contains("An MSK cluster ARN looks like arn:aws:kafka:",
                "An MSK multi-VPC endpoint needs the authentication the cluster uses.",
                "Custom private DNS names are not supported for Amazon MSK multi-VPC endpoints");

        String gcp = body(mvc.perform(post(page).with(csrf()).with(user("op").roles("OPERATOR"))
                .param("type", "GCP_PSC_SERVICE_ATTACHMENT").param("gcpServiceAttachment", "my-service"))
                .andReturn().getResponse());
        assertThat(gcp).contains("Use the format projects/{project}/regions/{region}/serviceAttachments/{name}.");

        String noType = body(mvc.perform(post(page).with(csrf()).with(user("op").roles("OPERATOR"))
                .param("description", "x".repeat(256))).andReturn().getResponse());
        assertThat(noType).contains("Choose what the endpoint connects to.", "At most 255 characters.");

        assertThat(cloud.count("POST", endpoints)).as("nothing sent").isZero();
        assertThat(jdbc.queryForList("select outcome, error_text from audit_record "
                + "where action = 'service.privateEndpoint.create' and organization_id = ?", organizationId))
                .hasSize(4).allSatisfy(row -> assertThat(row.get("outcome")).isEqualTo("invalid"));
    }

    @Test
    void aNameAnotherEndpointOfTheServiceUsesIsRefusedBeforeSending() throws Exception {
        String html = body(mvc.perform(post(page).with(csrf()).with(user("op").roles("OPERATOR"))
                .param("type", "VPC_ENDPOINT_SERVICE")
                .param("vpcEndpointServiceName", "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0")
                .param("privateDnsNames[0]", "MSK.prod.internal")).andReturn().getResponse());
        assertThat(html).contains("Another endpoint of this service already uses this name");
        assertThat(cloud.count("POST", endpoints)).isZero();
    }

    @Test
    void anUpstreamRefusalShowsTheApiMessageAndRequestIdAndKeepsTheForm() throws Exception {
        String error = "BAD_REQUEST: VPC endpoint service com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0 not found";
        cloud.fail("POST", endpoints, 400, error);
        String html = body(mvc.perform(post(page).with(csrf()).with(user("op").roles("OPERATOR"))
                .param("description", "Typed description").param("type", "VPC_ENDPOINT_SERVICE")
                .param("vpcEndpointServiceName", "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"))
                .andReturn().getResponse());

        assertThat(html).contains("ClickHouse Cloud did not create the endpoint.",
                "VPC endpoint service com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0 not found",
                FakeCloud.requestIdFor(error), "HTTP 400")
                .contains("value=\"Typed description\"",
                        "value=\"com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0\"")
                .doesNotContain("Exception", "at dev.pipedeck");
        assertThat(jdbc.queryForList("select outcome, upstream_request_id from audit_record "
                + "where action = 'service.privateEndpoint.create' and organization_id = ? and outcome <> 'attempt'",
                organizationId).toString()).contains("invalid", FakeCloud.requestIdFor(error));
    }

    // ---- custom DNS names ----

    @Test
    void savingDnsNamesSendsOnlyTheNewListAndAuditsBeforeAndAfter() throws Exception {
        String detail = body(mvc.perform(get(page + "/" + READY).with(user("op").roles("OPERATOR")))
                .andReturn().getResponse());
        assertThat(detail).contains("Brokers in the prod VPC", "payments from MSK", "Save DNS names",
                "value=\"msk.prod.internal\"", "name=\"seenNames\"");

        cloud.on("PATCH", endpoints + "/" + READY,
                call -> FakeCloud.envelope(readyEndpoint("msk.prod.internal", "*.brokers.internal")));
        MockHttpServletResponse saved = mvc.perform(post(page + "/" + READY + "/dns").with(csrf())
                .with(user("op").roles("OPERATOR")).param("seenNames", "msk.prod.internal")
                .param("privateDnsNames[0]", "msk.prod.internal").param("privateDnsNames[1]", " ")
                .param("privateDnsNames[2]", " *.brokers.internal ")).andReturn().getResponse();

        assertThat(saved.getRedirectedUrl()).isEqualTo(page + "/" + READY);
        FakeCloud.Received patch = cloud.received().stream().filter(r -> r.method().equals("PATCH")).findFirst()
                .orElseThrow();
        assertThat(JSON.readTree(patch.body())).isEqualTo(JSON.readTree("{\"customPrivateDnsMappings\":["
                + "{\"privateDnsName\":\"msk.prod.internal\"},{\"privateDnsName\":\"*.brokers.internal\"}]}"));
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        assertThat(spec.violations(spec.operation("PATCH", patch.path()).requestSchema(), JSON.readTree(patch.body())))
                .isEmpty();

        Map<String, Object> audit = jdbc.queryForMap("select outcome, change_before, change_after "
                + "from audit_record where action = 'service.privateEndpoint.update' and organization_id = ? "
                + "and outcome = 'success'", organizationId);
        assertThat(jdbc.queryForObject("select request_summary from audit_record where action = "
                + "'service.privateEndpoint.update' and organization_id = ? and outcome = 'attempt'", String.class,
                organizationId)).contains(READY, "*.brokers.internal");
        assertThat(String.valueOf(audit.get("change_before"))).contains("msk.prod.internal")
                .doesNotContain("brokers");
        assertThat(String.valueOf(audit.get("change_after"))).contains("msk.prod.internal", "*.brokers.internal");

        mvc.perform(post(page + "/" + READY + "/dns").with(csrf()).with(user("op").roles("OPERATOR"))
                .param("seenNames", "msk.prod.internal").param("privateDnsNames[0]", ""));
        assertThat(cloud.received().stream().filter(r -> r.method().equals("PATCH")).skip(1).findFirst()
                .orElseThrow().body()).as("every row empty clears the list").isEqualTo("{\"customPrivateDnsMappings\":[]}");
    }

    @Test
    void namesChangedBySomeoneElseMeanwhileAreShownAndNotOverwritten() throws Exception {
        String html = body(mvc.perform(post(page + "/" + READY + "/dns").with(csrf()).with(user("op").roles("OPERATOR"))
                .param("seenNames", "old.internal").param("privateDnsNames[0]", "mine.internal"))
                .andReturn().getResponse());

        assertThat(html).contains("Someone changed these names since you opened the page; nothing was saved.",
                "<code>msk.prod.internal</code>", "value=\"mine.internal\"");
        assertThat(html).as("saving again replaces what is there now")
                .containsPattern("name=\"seenNames\"[^>]*value=\"msk.prod.internal\"");
        assertThat(cloud.count("PATCH", endpoints + "/" + READY)).isZero();
    }

    @Test
    void badDnsNamesAreRefusedAtTheirRowAndAnUpstreamFailureKeepsTheTypedNames() throws Exception {
        String refused = body(mvc.perform(post(page + "/" + READY + "/dns").with(csrf()).with(user("op").roles("OPERATOR"))
                .param("seenNames", "msk.prod.internal").param("privateDnsNames[0]", "ok.internal")
                .param("privateDnsNames[1]", "under_score.internal")).andReturn().getResponse());
        assertThat(fieldError(refused, "privateDnsNames1")).isTrue();
        assertThat(refused).contains("value=\"under_score.internal\"");
        assertThat(cloud.count("PATCH", endpoints + "/" + READY)).isZero();

        String error = "BAD_REQUEST: Custom private DNS is not enabled for this service";
        cloud.fail("PATCH", endpoints + "/" + READY, 400, error);
        String failed = body(mvc.perform(post(page + "/" + READY + "/dns").with(csrf()).with(user("op").roles("OPERATOR"))
                .param("seenNames", "msk.prod.internal").param("privateDnsNames[0]", "new.internal"))
                .andReturn().getResponse());
        assertThat(failed).contains("ClickHouse Cloud did not save the names.",
                "Custom private DNS is not enabled for this service", FakeCloud.requestIdFor(error),
                "value=\"new.internal\"");
    }

    // ---- delete ----

    @Test
    void deleteSendsDeleteAndIsAudited() throws Exception {
        cloud.on("DELETE", endpoints + "/" + READY, call -> FakeCloud.json(200,
                "{\"status\":200,\"requestId\":\"" + UUID.randomUUID() + "\"}"));
        MvcResult deleted = mvc.perform(post(page + "/" + READY + "/delete").with(csrf())
                .with(user("op").roles("OPERATOR"))).andReturn();

        assertThat(deleted.getResponse().getRedirectedUrl()).isEqualTo(page);
        assertThat(String.valueOf(deleted.getFlashMap().get("success"))).contains("Deleting");
        assertThat(cloud.count("DELETE", endpoints + "/" + READY)).isEqualTo(1);
        assertThat(jdbc.queryForList("select outcome, request_summary from audit_record "
                + "where action = 'service.privateEndpoint.delete' and organization_id = ? order by id",
                organizationId).toString()).contains("attempt", READY, "Brokers in the prod VPC", "success");

        String error = "NOT_FOUND: Reverse private endpoint not found";
        cloud.fail("DELETE", endpoints + "/" + READY, 404, error);
        CookieSession browser = new CookieSession(mvc);
        browser.perform(post(page + "/" + READY + "/delete").with(csrf()).with(user("op").roles("OPERATOR")));
        String html = body(browser.perform(get(page).with(user("op").roles("OPERATOR"))).andReturn().getResponse());
        assertThat(html).contains("The endpoint could not be deleted.", "Reverse private endpoint not found",
                FakeCloud.requestIdFor(error));
    }

    @Test
    void anIdThatCannotBeAnEndpointIsNotFoundAndNothingIsSent() throws Exception {
        assertThat(mvc.perform(post(page + "/not-an-id/delete").with(csrf()).with(user("op").roles("OPERATOR")))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(cloud.received()).noneMatch(r -> r.method().equals("DELETE"));
    }

    // ---- viewers ----

    @Test
    void viewersSeeTheListAndEachEndpointButNoFormsAndForgedChangesAreRefused() throws Exception {
        String list = body(mvc.perform(get(page).with(user("v").roles("VIEWER"))).andReturn().getResponse());
        assertThat(list).contains("Brokers in the prod VPC", "Orders cluster")
                .doesNotContain("Create endpoint", "Edit DNS names", ">Delete<", "/delete\"");
        String detail = body(mvc.perform(get(page + "/" + READY).with(user("v").roles("VIEWER"))).andReturn()
                .getResponse());
        assertThat(detail).contains("<code>msk.prod.internal</code>")
                .doesNotContain("Save DNS names", "Delete endpoint", "/dns\"");

        int before = cloud.received().size();
        assertThat(status(post(page).param("type", "VPC_ENDPOINT_SERVICE")
                .param("vpcEndpointServiceName", "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"))).isEqualTo(403);
        assertThat(status(post(page + "/" + READY + "/dns").param("privateDnsNames[0]", "x.internal"))).isEqualTo(403);
        assertThat(status(post(page + "/" + READY + "/delete"))).isEqualTo(403);
        assertThat(cloud.received().stream().skip(before)).as("nothing sent upstream").isEmpty();
    }

    // ---- helpers ----

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(csrf()).with(user("v").roles("VIEWER"))).andReturn().getResponse().getStatus();
    }

    private static MockHttpServletRequestBuilder everyField(MockHttpServletRequestBuilder request, String type) {
        return request.param("description", "Route to " + type).param("type", type)
                .param("vpcEndpointServiceName", "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0")
                .param("vpcResourceConfigurationId", "rcfg-0123456789abcdef0")
                .param("vpcResourceShareArn", "arn:aws:ram:us-east-1:123456789012:resource-share/0a1b2c3d-share")
                .param("mskClusterArn", "arn:aws:kafka:us-east-1:123456789012:cluster/orders/0a1b2c3d-1")
                .param("mskAuthentication", "SASL_SCRAM")
                .param("gcpServiceAttachment", "projects/my-project/regions/us-central1/serviceAttachments/my-service");
    }

    /** Whether the field with this id sits in a field marked as having an error. */
    private static boolean fieldError(String html, String id) {
        int input = html.indexOf("id=\"" + id + "\"");
        assertThat(input).as("field " + id).isPositive();
        int field = html.lastIndexOf("class=\"field", input);
        return html.substring(field, html.indexOf('>', field)).contains("has-error");
    }

    private static String body(MockHttpServletResponse response) throws Exception {
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return response.getContentAsString();
    }
}
