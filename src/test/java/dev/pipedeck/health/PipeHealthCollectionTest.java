package dev.pipedeck.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import mockwebserver3.MockResponse;

import dev.pipedeck.orgs.SandboxConnector;
import dev.pipedeck.testsupport.FakeCloud;
import dev.pipedeck.testsupport.MutableClock;

/**
 * The collector against a stand-in ClickHouse Cloud and against the built-in sandbox, the stored history's
 * downsampling and retention, and the health the console derives from it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "pipedeck.health.stall-after=4m")
@AutoConfigureMockMvc
class PipeHealthCollectionTest {

    static final Instant START = Instant.parse("2026-11-24T10:00:30Z");

    @TestConfiguration(proxyBeanMethods = false)
    static class HealthClock {

        @Bean
        @Primary
        MutableClock healthTestClock() {
            return new MutableClock(START);
        }
    }

    @Autowired
    MutableClock clock;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MetricsCollector collector;

    @Autowired
    PipeMetricStore store;

    @Autowired
    PipeHealthQueries queries;

    @Autowired
    SandboxConnector sandbox;

    FakeCloud fake;

    @BeforeEach
    void start() {
        fake = new FakeCloud();
        signIn();
    }

    /** MockMvc requests clear the context, so tests sign in again after them. */
    void signIn() {
        SecurityContextHolder.getContext().setAuthentication(
                new TestingAuthenticationToken("admin", null, "ROLE_ADMIN", "ROLE_OPERATOR", "ROLE_VIEWER"));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
        fake.close();
        // The stand-in cloud is gone: its organizations would only slow the next test's scrapes with refused calls.
        jdbc.update("delete from org_connection where organization_id like 'a1b2c3d4-%'");
    }

    @Test
    void oneScrapePerOrganizationPerIntervalWhateverThePipeCountAndAFailingOrganizationStopsNoOther()
            throws Exception {
        StringBuilder text = new StringBuilder("# TYPE ClickPipes_Info gauge\n");
        for (int i = 0; i < 25; i++) {
            text.append("ClickPipes_Info{clickhouse_org=\"a1b2c3d4-0000-4000-8000-000000000001\",clickhouse_service=\"svc\",clickpipe_id=\"many-")
                    .append(i).append("\",clickpipe_name=\"pipe ").append(i)
                    .append("\",clickpipe_state=\"Running\"} 1\n");
            text.append("ClickPipes_FetchedEvents_Total{clickhouse_org=\"a1b2c3d4-0000-4000-8000-000000000001\",clickhouse_service=\"svc\","
                    + "clickpipe_id=\"many-").append(i).append("\"} ").append(i * 100).append('\n');
        }
        fake.on("GET", "/organizations/a1b2c3d4-0000-4000-8000-000000000001/prometheus", call -> new MockResponse.Builder().code(200)
                .setHeader("Content-Type", "text/plain; version=0.0.4").body(text.toString()).build());
        fake.fail("GET", "/organizations/a1b2c3d4-0000-4000-8000-000000000002/prometheus", 403, "FORBIDDEN: key lacks access");
        fake.connectOrganization(mvc, "a1b2c3d4-0000-4000-8000-000000000002", "A broken org");
        fake.connectOrganization(mvc, "a1b2c3d4-0000-4000-8000-000000000001", "Many pipes");
        signIn();

        collector.scrapeDue();
        collector.scrapeDue();
        clock.advance(Duration.ofSeconds(30));
        collector.scrapeDue();

        assertThat(fake.count("GET", "/organizations/a1b2c3d4-0000-4000-8000-000000000001/prometheus")).isEqualTo(1);
        assertThat(fake.count("GET", "/organizations/a1b2c3d4-0000-4000-8000-000000000002/prometheus")).isEqualTo(1);
        assertThat(fake.received()).extracting(FakeCloud.Received::path)
                .noneMatch(path -> path.contains("/clickpipes"));
        assertThat(jdbc.queryForObject("select count(*) from pipe_metric_point where organization_id = 'a1b2c3d4-0000-4000-8000-000000000001'",
                Integer.class)).as("one point per pipe").isEqualTo(25);

        clock.advance(Duration.ofSeconds(31));
        collector.scrapeDue();
        assertThat(fake.count("GET", "/organizations/a1b2c3d4-0000-4000-8000-000000000001/prometheus")).isEqualTo(2);
        assertThat(fake.count("GET", "/organizations/a1b2c3d4-0000-4000-8000-000000000002/prometheus")).isEqualTo(2);
        assertThat(store.points("many-7", START.minus(Duration.ofHours(1)))).hasSize(2)
                .allSatisfy(point -> assertThat(point.fetchedEvents()).isEqualTo(700));
        assertThat(queries.health("many-7").health()).isEqualTo(PipeHealth.HEALTHY);
        assertThat(queries.health("never-seen").health()).isEqualTo(PipeHealth.UNKNOWN);
    }

    @Test
    void oldPointsAreFoldedIntoTenMinuteBucketsAndExpiredOnesDeleted() {
        Instant now = clock.instant();
        Instant old = now.minus(Duration.ofHours(25)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        store.record(List.of(metrics("fold-pipe", 1, 0)), now.minus(Duration.ofDays(8)));
        for (int minute = 0; minute < 10; minute++) {
            store.record(List.of(metrics("fold-pipe", 100 + minute, minute)), old.plus(Duration.ofMinutes(minute)));
        }
        store.record(List.of(metrics("fold-pipe", 500, 9)), now.minus(Duration.ofHours(1)));
        store.record(List.of(metrics("fold-pipe", 501, 9)), now.minus(Duration.ofHours(1)));

        store.maintain();

        List<MetricPoint> points = store.points("fold-pipe", now.minus(Duration.ofDays(30)));
        assertThat(points).extracting(MetricPoint::resolutionMinutes).containsExactly(10, 1);
        assertThat(points.get(0).bucketStart()).isEqualTo(old);
        assertThat(points.get(0).fetchedEvents()).as("the bucket's last reading").isEqualTo(109);
        assertThat(points.get(1).fetchedEvents()).as("the same minute scraped twice keeps the later").isEqualTo(501);

        store.maintain();
        assertThat(store.points("fold-pipe", now.minus(Duration.ofDays(30)))).hasSize(2);
        List<RatePoint> history = queries.history("fold-pipe", Duration.ofDays(7));
        assertThat(history).singleElement().satisfies(rate -> assertThat(rate.fetchedEventsPerMinute())
                .isCloseTo((501 - 109) * 60.0 / (now.minus(Duration.ofHours(1)).truncatedTo(
                        java.time.temporal.ChronoUnit.MINUTES).getEpochSecond() - old.getEpochSecond()),
                        org.assertj.core.data.Offset.offset(0.01)));
    }

    @Test
    void theSandboxsStalledErroringAndFailedPipesComeOutSo() {
        sandbox.connect();
        // Six scrapes a minute apart (stall-after is 4 minutes here): the sandbox's real 10-per-10-s key budget, of
        // which the collector takes at most half, makes each scrape cost real time.
        for (int minute = 0; minute <= 5; minute++) {
            collector.scrapeDue();
            clock.advance(Duration.ofMinutes(1));
        }
        clock.advance(Duration.ofSeconds(-59));

        assertThat(queries.health(pipeNamed("payments from MSK")).health()).isEqualTo(PipeHealth.STALLED);
        assertThat(queries.health(pipeNamed("S3 access logs")).health()).isEqualTo(PipeHealth.ERRORING);
        assertThat(queries.health(pipeNamed("orders from Confluent Cloud")).health()).isEqualTo(PipeHealth.HEALTHY);
        String failed = jdbc.queryForList("select distinct pipe_id from pipe_metric_point where state = 'Failed'",
                String.class).get(0);
        assertThat(queries.health(failed).health()).isEqualTo(PipeHealth.FAILED);
        assertThat(queries.history(pipeNamed("orders from Confluent Cloud"), Duration.ofMinutes(30)))
                .hasSize(5).allSatisfy(rate -> assertThat(rate.fetchedEventsPerMinute()).isPositive());
    }

    private String pipeNamed(String name) {
        return jdbc.queryForObject("select distinct pipe_id from pipe_metric_point where pipe_name = ?", String.class,
                name);
    }

    private static PipeMetrics metrics(String pipeId, double fetched, double errors) {
        return new PipeMetrics(pipeId, "org-store", "svc", "store pipe", "Running", fetched, fetched, fetched,
                fetched, errors, 1.0, null, null, null, null);
    }
}
