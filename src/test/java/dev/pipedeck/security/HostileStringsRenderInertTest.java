package dev.pipedeck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.FlashMap;

import dev.pipedeck.health.MetricsCollector;
import dev.pipedeck.orgs.OrgConnectionService;
import dev.pipedeck.orgs.SandboxConnector;
import dev.pipedeck.testsupport.TestAccounts;
import dev.pipedeck.users.AccountService;
import dev.pipedeck.users.Role;

/**
 * XSS: with the sandbox returning markup and script URLs in pipe, service, table, column, key and endpoint names and
 * in its error messages, every page and HTMX fragment a signed-in admin can reach from the dashboard (crawled: every
 * link and every {@code hx-get}), the pipes' own fragments, the wizard (a discovered schema, a duplicated pipe, the
 * review), the audit pages and exports show it as text: parsed with a real HTML parser, no element or attribute came
 * from it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {HostileSandbox.HOSTILE_STRINGS,
        HostileSandbox.NO_READ_CACHE, HostileSandbox.FAST_TRANSITIONS})
@AutoConfigureMockMvc
class HostileStringsRenderInertTest {

    private static final Pattern PIPE_PAGE = Pattern.compile("/organizations/[^/]+/services/[^/]+/pipes/[0-9a-f-]{36}");
    private static final int MOST_PAGES = 450;
    private static final int MOST_VARIANTS_PER_PATH = 2;

    @Autowired
    MockMvc mvc;

    @Autowired
    SandboxConnector sandbox;

    @Autowired
    OrgConnectionService connections;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MetricsCollector metrics;

    private final List<String> problems = new ArrayList<>();
    private final Set<String> showedHostileText = new LinkedHashSet<>();
    private RequestPostProcessor admin;

    @Test
    void everyPageAndFragmentShowsUpstreamMarkupAsText() throws Exception {
        String username = "xss-admin-" + System.nanoTime();
        TestAccounts.create(accounts, username, Role.ADMIN);
        admin = user(username).roles("ADMIN");
        String service = HostileSandbox.connect(sandbox, connections, jdbc);
        String organization = service.split("/")[2];
        metrics.scrapeDue();
        assertThat(jdbc.queryForObject("select count(*) from pipe_metric_point where pipe_name = ?", Integer.class,
                InertMarkup.SCRIPT)).as("the metrics' hostile clickpipe_name labels were read").isPositive();

        // Changes that put upstream markup into flash messages, audit records and a new pipe.
        List<String> pipes = pipePaths(service);
        String scriptPipe = pipes.stream().filter(p -> p.endsWith(seedId("hostile:script"))).findFirst().orElseThrow();
        String tablesPipe = pipes.stream().filter(p -> p.endsWith(seedId("hostile:tables"))).findFirst().orElseThrow();
        String failedPipe = pipes.stream().filter(p -> p.endsWith(seedId("hostile:attribute"))).findFirst()
                .orElseThrow();
        renderAfter(post(scriptPipe + "/state").param("command", "resync"));
        check("state fragment after stop", perform(post(scriptPipe + "/state").param("command", "stop")
                .header("HX-Request", "true")));
        renderAfter(post(failedPipe + "/edit/name").param("name", InertMarkup.SVG)
                .param("seenUpdatedAt", "2020-01-01T00:00:00Z"));
        renderAfter(post(service + "/private-endpoints/" + seedId("endpoint:hostile") + "/dns")
                .param("privateDnsNames[0]", InertMarkup.ATTRIBUTE));
        renderAfter(post("/account/tokens").param("name", InertMarkup.SCRIPT).param("role", "VIEWER"));
        String createdPipe = walkTheKafkaWizardWithADiscoveredSchema(service);
        duplicateThePipeWithHostileTables(tablesPipe);

        // Everything reachable from the dashboard, the lists and the audit, as pages and as HTMX fragments.
        List<String> start = new ArrayList<>(List.of("/", "/organizations", "/organizations/" + organization,
                "/organizations/" + organization + "/edit", "/organizations/" + organization + "/health",
                "/admin/sandbox", "/account", "/audit", service + "/pipes", service + "/pipes/new",
                service + "/pipes?q=" + encode(InertMarkup.SCRIPT), "/audit?q=" + encode(InertMarkup.ATTRIBUTE)
                        + "&actor=" + encode(InertMarkup.SCRIPT),
                service + "/pipes/" + UUID.randomUUID(), service + "/pipes/" + UUID.randomUUID() + "/settings",
                createdPipe));
        for (String pipe : pipes) {
            start.addAll(List.of(pipe, pipe + "/settings", pipe + "/edit", pipe + "/delete"));
        }
        for (String tile : Jsoup.parse(page("/")).select("article.service-tile[data-service]").eachAttr("data-service")) {
            start.add("/organizations/" + organization + "/services/" + tile + "/tile");
        }
        crawl(start, pipes);

        assertThat(problems).as("hostile markup that became markup").isEmpty();
        assertThat(showedHostileText).as("pages that showed the hostile strings as text").contains("/",
                service + "/pipes", scriptPipe, tablesPipe, tablesPipe + "/edit", failedPipe + "/settings", "/audit",
                service + "/private-endpoints", "/admin/sandbox", "/organizations/" + organization + "/health",
                "wizard step 3 after discovery", "wizard review", "duplicated pipe's tables");
        assertThat(showedHostileText.stream().filter(page -> page.endsWith("/tile")).count())
                .as("service tiles showing the hostile service's name").isPositive();
        assertThat(showedHostileText.stream().filter(page -> page.startsWith("/audit/")).count())
                .as("audit records showing hostile text").isPositive();
        assertTheExportsAreNotPages();
    }

    // ---- the crawl

    private void crawl(List<String> start, List<String> pipes) throws Exception {
        Deque<String[]> queue = new ArrayDeque<>();
        Set<String> seen = new LinkedHashSet<>();
        Map<String, Integer> variants = new HashMap<>();
        start.forEach(url -> queue.add(new String[] {url, "page"}));
        for (String pipe : pipes) {
            queue.add(new String[] {pipe + "/state", "htmx"});
            queue.add(new String[] {pipe + "/row", "htmx"});
        }
        start.stream().filter(url -> url.endsWith("/tile")).forEach(tile -> queue.add(new String[] {tile, "htmx"}));
        queue.add(new String[] {start.get(8), "htmx"});
        queue.add(new String[] {"/audit", "htmx"});
        while (!queue.isEmpty() && seen.size() < MOST_PAGES) {
            String[] next = queue.poll();
            String url = next[0];
            boolean htmx = next[1].equals("htmx");
            String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
            if (!seen.add(next[1] + " " + url) || skipped(path)
                    || (url.contains("?") && variants.merge(next[1] + " " + path, 1, Integer::sum) > MOST_VARIANTS_PER_PATH)) {
                continue;
            }
            MockHttpServletRequestBuilder request = get(url);
            if (htmx) {
                request.header("HX-Request", "true");
            }
            MockHttpServletResponse response = perform(request);
            if (response.getRedirectedUrl() != null) {
                queue.add(new String[] {response.getRedirectedUrl(), next[1]});
                continue;
            }
            String contentType = String.valueOf(response.getContentType());
            if (!contentType.startsWith("text/html")) {
                continue;
            }
            String html = response.getContentAsString();
            check((htmx ? "fragment " : "") + url, html);
            if (InertMarkup.showsHostileText(html)) {
                showedHostileText.add(url);
            }
            Document document = Jsoup.parse(html);
            for (Element link : document.select("a[href]")) {
                queue.add(new String[] {link.attr("href"), "page"});
            }
            for (Element fragment : document.select("[hx-get]")) {
                queue.add(new String[] {fragment.attr("hx-get"), "htmx"});
            }
        }
        assertThat(seen.size()).as("pages crawled").isGreaterThan(60);
    }

    private static boolean skipped(String path) {
        return !path.startsWith("/") || path.startsWith("//") || path.startsWith("/logout") || path.startsWith("/login")
                || path.startsWith("/assets") || path.startsWith("/webjars") || path.startsWith("/actuator")
                || path.startsWith("/sandbox/") || path.endsWith(".csv") || path.endsWith(".jsonl")
                || path.startsWith("/setup");
    }

    // ---- the wizard

    private String walkTheKafkaWizardWithADiscoveredSchema(String service) throws Exception {
        String stepOne = perform(post(service + "/pipes/new").param("kind", "kafka").param("type", "confluent"))
                .getRedirectedUrl();
        assertThat(stepOne).as("the wizard started").isNotNull();
        String base = stepOne.substring(0, stepOne.lastIndexOf("/step/"));
        Map<String, String> connection = new LinkedHashMap<>(FormSubmission.of(page(stepOne), "form.wizard"));
        connection.putAll(Map.of("name", InertMarkup.SCRIPT, "brokers", "pkc-1.us-east-1.aws.confluent.cloud:9092",
                "authentication", "PLAIN", "credentials.username", "KEY", "secret:credentials.password", "s3cret",
                "_action", "next"));
        assertThat(submit(base + "/step/1", connection)).endsWith("/step/2");
        Map<String, String> source = new LinkedHashMap<>(FormSubmission.of(page(base + "/step/2"), "form.wizard"));
        source.putAll(Map.of("topics", "orders", "format", "JSONEachRow", "offset.strategy", "from_beginning",
                "consumerGroup", InertMarkup.ATTRIBUTE, "_action", "discover"));
        String discovered = submit(base + "/step/2", source);
        String stepThree = discovered.startsWith("/") ? page(discovered) : discovered;
        check("wizard step 3 after discovery", stepThree);
        if (InertMarkup.showsHostileText(stepThree)) {
            showedHostileText.add("wizard step 3 after discovery");
        }
        Map<String, String> destination = new LinkedHashMap<>(FormSubmission.of(stepThree, "form.wizard"));
        destination.putAll(Map.of("destination.database", "default", "destination.table", "hostile_columns",
                "destination.managedTable", "true", "destination.engine", "MergeTree", "_action", "next"));
        assertThat(submit(base + "/step/3", destination)).endsWith("/step/4");
        Map<String, String> scaling = new LinkedHashMap<>(FormSubmission.of(page(base + "/step/4"), "form.wizard"));
        scaling.put("_action", "next");
        assertThat(submit(base + "/step/4", scaling)).endsWith("/step/5");
        String review = page(base + "/step/5");
        check("wizard review", review);
        if (InertMarkup.showsHostileText(review)) {
            showedHostileText.add("wizard review");
        }
        check("wizard field check", perform(post(base + "/validate/1").header("HX-Request", "true")
                .param("_field", "brokers").param("brokers", InertMarkup.SVG)));
        MockHttpServletResponse created = perform(post(base + "/create"));
        assertThat(created.getRedirectedUrl()).as("created: " + created.getContentAsString()).isNotNull();
        return created.getRedirectedUrl();
    }

    private void duplicateThePipeWithHostileTables(String tablesPipe) throws Exception {
        String stepOne = perform(post(tablesPipe + "/duplicate")).getRedirectedUrl();
        assertThat(stepOne).endsWith("/step/1");
        String base = stepOne.substring(0, stepOne.lastIndexOf("/step/"));
        String first = page(stepOne);
        check("duplicated pipe, step 1", first);
        Map<String, String> connection = new LinkedHashMap<>(FormSubmission.of(first, "form.wizard"));
        connection.put("credentials.username", "clickpipes");
        connection.put("secret:credentials.password", "typed again");
        connection.put("_action", "next");
        assertThat(submit(base + "/step/1", connection)).endsWith("/step/2");
        Map<String, String> settings = new LinkedHashMap<>(FormSubmission.of(page(base + "/step/2"), "form.wizard"));
        settings.put("_action", "next");
        assertThat(submit(base + "/step/2", settings)).endsWith("/step/3");
        String tables = page(base + "/step/3");
        check("duplicated pipe's tables", tables);
        if (InertMarkup.showsHostileText(tables)) {
            showedHostileText.add("duplicated pipe's tables");
        }
    }

    // ---- exports

    private void assertTheExportsAreNotPages() throws Exception {
        for (String export : List.of("/audit/export.csv", "/audit/export.jsonl")) {
            MvcResult started = mvc.perform(get(export).with(admin)).andReturn();
            MockHttpServletResponse response = started.getRequest().isAsyncStarted()
                    ? mvc.perform(asyncDispatch(started)).andReturn().getResponse() : started.getResponse();
            assertThat(response.getContentType()).as(export).doesNotContain("html");
            assertThat(response.getHeader("X-Content-Type-Options")).as(export).isEqualTo("nosniff");
            assertThat(response.getHeader("Content-Disposition")).as(export).startsWith("attachment");
            assertThat(response.getContentAsString(StandardCharsets.UTF_8)).as(export + " holds the hostile records")
                    .contains("alert(1)");
        }
    }

    // ---- helpers

    /** The pipes of the service, as its list links to them. */
    private List<String> pipePaths(String service) throws Exception {
        Document list = Jsoup.parse(page(service + "/pipes"));
        List<String> paths = list.select("a[href]").eachAttr("href").stream()
                .filter(href -> PIPE_PAGE.matcher(href).matches()).distinct().toList();
        assertThat(paths).as("the hostile pipes are listed").hasSizeGreaterThanOrEqualTo(10);
        return paths;
    }

    /** Posts a change; when it redirects, renders the page it leads to with its message; else renders the answer. */
    private void renderAfter(MockHttpServletRequestBuilder change) throws Exception {
        MvcResult result = mvc.perform(change.with(csrf()).with(admin)).andReturn();
        MockHttpServletResponse response = result.getResponse();
        String where = result.getRequest().getMethod() + " " + result.getRequest().getRequestURI();
        if (response.getRedirectedUrl() != null) {
            FlashMap flash = result.getFlashMap();
            String html = mvc.perform(get(response.getRedirectedUrl()).flashAttrs(flash).with(admin)).andReturn()
                    .getResponse().getContentAsString();
            check(where + " → " + response.getRedirectedUrl(), html);
        } else {
            check(where, response.getContentAsString());
        }
    }

    private String submit(String url, Map<String, String> fields) throws Exception {
        MockHttpServletRequestBuilder request = post(url);
        fields.forEach(request::param);
        MockHttpServletResponse response = perform(request);
        return response.getRedirectedUrl() != null ? response.getRedirectedUrl() : response.getContentAsString();
    }

    private String page(String url) throws Exception {
        MockHttpServletResponse response = perform(get(url));
        assertThat(response.getStatus()).as(url).isEqualTo(200);
        return response.getContentAsString();
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(csrf()).with(admin)).andReturn().getResponse();
    }

    private void check(String where, MockHttpServletResponse response) throws Exception {
        check(where, response.getContentAsString());
    }

    private void check(String where, String html) {
        problems.addAll(InertMarkup.problems(where, html));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The sandbox's fixed ids for its seeded things. */
    private static String seedId(String name) {
        return UUID.nameUUIDFromBytes(("pipedeck-sandbox:" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
