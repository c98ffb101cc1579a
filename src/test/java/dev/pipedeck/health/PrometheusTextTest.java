package dev.pipedeck.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pipedeck.health.PrometheusText.Exposition;

/** The parser and the per-pipe extraction on text in the format ClickHouse Cloud serves, warts included. */
class PrometheusTextTest {

    private static final String SCRAPE = """
            # HELP ClickHouse_ServiceInfo Information about the service, including cluster status and ClickHouse version
            # TYPE ClickHouse_ServiceInfo untyped
            ClickHouse_ServiceInfo{clickhouse_org="org-1",clickhouse_service="svc-1",clickhouse_service_name="prod",clickhouse_cluster_status="running",clickhouse_version="25.8"} 1
            # HELP ClickPipes_Info Always equal to 1. Label "clickpipe_state" contains the current state of the pipe: Stopped/Provisioning/Running/Paused/Failed
            # TYPE ClickPipes_Info gauge
            ClickPipes_Info{clickhouse_org="org-1",clickhouse_service="svc-1",clickhouse_service_name="prod",clickpipe_id="p-1",clickpipe_name="orders \\"eu\\"\\\\west\\nline",clickpipe_source="confluent",clickpipe_state="Running"} 1
            ClickPipes_Info{clickhouse_org="org-1",clickhouse_service="svc-1",clickhouse_service_name="prod",clickpipe_id="p-2",clickpipe_name="cdc",clickpipe_source="rdspostgres",clickpipe_state="Failed"} 1
            # TYPE ClickPipes_FetchedEvents_Total counter
            ClickPipes_FetchedEvents_Total{clickhouse_org="org-1",clickhouse_service="svc-1",clickpipe_id="p-1"} 1.5e6 1732442400000
            ClickPipes_FetchedEvents_Total{clickhouse_org="org-1",clickhouse_service="svc-1",clickpipe_id="p-2"} 42
            # TYPE ClickPipes_SentEvents_Total counter
            ClickPipes_SentEvents_Total{clickhouse_org="org-1",clickhouse_service="svc-1",clickpipe_id="p-1"} 1499000
            ClickPipes_FetchedBytes_Total{clickhouse_org="org-1",clickhouse_service="svc-1",clickpipe_id="p-1"} 3e8
            ClickPipes_SentBytes_Total{clickhouse_org="org-1",clickhouse_service="svc-1",clickpipe_id="p-1"} 2.9e8
            ClickPipes_Errors_Total{clickhouse_org="org-1",clickhouse_service="svc-1",clickpipe_id="p-1"} 0
            ClickPipes_Latency{clickhouse_org="org-1",clickhouse_service="svc-1",clickpipe_id="p-1"} NaN
            ClickPipes_Latency{clickhouse_org="org-1",clickhouse_service="svc-1",clickpipe_id="p-2"} +Inf
            ClickPipes_Replica_CPU_Usage_Millicores{clickhouse_org="org-1",clickhouse_service="svc-1",clickpipe_id="p-1",replica="0"} 300
            ClickPipes_Replica_CPU_Usage_Millicores{clickhouse_org="org-1",clickhouse_service="svc-1",clickpipe_id="p-1",replica="1"} 200
            ClickPipes_Replica_Memory_Limit_Bytes{clickhouse_org="org-1",clickhouse_service="svc-1",clickpipe_id="p-1",replica="0"} 1024
            ClickPipes_Replica_Memory_Limit_Bytes{clickhouse_org="org-1",clickhouse_service="svc-1",clickpipe_id="p-1",replica="1"} 1024
            # a plain comment
            ClickPipes_Brand_New_Series_Total{clickhouse_org="org-1",clickpipe_id="p-1",shard="a"} 7
            CDC_CPU_Limit_Millicores{clickhouse_org="org-1",clickhouse_service="svc-1"} 2000
            up -Inf
            broken_labels{a="unterminated} 1
            bad_escape{a="x\\q"} 1
            no_value{a="b"}
            not_a_number 12abc
            trailing_junk 1 2 3

            """;

    @Test
    void readsSamplesTypesHelpAndEscapesAndReportsBadLinesWithoutLosingTheRest() {
        Exposition exposition = PrometheusText.parse(SCRAPE);

        assertThat(exposition.types()).containsEntry("ClickPipes_Info", "gauge")
                .containsEntry("ClickPipes_FetchedEvents_Total", "counter")
                .containsEntry("ClickHouse_ServiceInfo", "untyped");
        assertThat(exposition.help().get("ClickPipes_Info")).startsWith("Always equal to 1. Label \"clickpipe_state\"");
        assertThat(exposition.named("ClickPipes_Info").get(0).label("clickpipe_name"))
                .isEqualTo("orders \"eu\"\\west\nline");
        assertThat(exposition.named("ClickPipes_FetchedEvents_Total").get(0).value()).isEqualTo(1_500_000);
        assertThat(exposition.named("ClickPipes_FetchedEvents_Total").get(0).timestampMillis())
                .isEqualTo(1732442400000L);
        assertThat(exposition.named("ClickPipes_Latency").get(0).value()).isNaN();
        assertThat(exposition.named("ClickPipes_Latency").get(1).value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(exposition.named("up").get(0).value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(exposition.named("up").get(0).labels()).isEmpty();
        assertThat(exposition.named("ClickPipes_Brand_New_Series_Total")).singleElement()
                .satisfies(s -> assertThat(s.labels()).containsEntry("shard", "a"));
        assertThat(exposition.problems()).extracting(PrometheusText.Problem::line).containsExactly(
                "broken_labels{a=\"unterminated} 1", "bad_escape{a=\"x\\q\"} 1", "no_value{a=\"b\"}",
                "not_a_number 12abc", "trailing_junk 1 2 3");
        assertThat(exposition.problems()).allSatisfy(problem -> assertThat(problem.reason()).isNotBlank());
        assertThat(exposition.problems().get(0).lineNumber())
                .isEqualTo(List.of(SCRAPE.split("\n")).indexOf("broken_labels{a=\"unterminated} 1") + 1);
    }

    @Test
    void extractsOnePipeMetricsPerPipeWithReplicaSumsAndState() {
        List<PipeMetrics> pipes = PipeMetrics.from(PrometheusText.parse(SCRAPE).samples());

        assertThat(pipes).extracting(PipeMetrics::pipeId).containsExactly("p-1", "p-2");
        PipeMetrics orders = pipes.get(0);
        assertThat(orders.organizationId()).isEqualTo("org-1");
        assertThat(orders.serviceId()).isEqualTo("svc-1");
        assertThat(orders.pipeName()).isEqualTo("orders \"eu\"\\west\nline");
        assertThat(orders.state()).isEqualTo("Running");
        assertThat(orders.fetchedEvents()).isEqualTo(1_500_000);
        assertThat(orders.sentEvents()).isEqualTo(1_499_000);
        assertThat(orders.fetchedBytes()).isEqualTo(3e8);
        assertThat(orders.sentBytes()).isEqualTo(2.9e8);
        assertThat(orders.errors()).isZero();
        assertThat(orders.cpuUsageMillicores()).as("summed over replicas").isEqualTo(500);
        assertThat(orders.memoryLimitBytes()).isEqualTo(2048);
        assertThat(orders.cpuLimitMillicores()).as("not in the scrape").isNull();
        PipeMetrics cdc = pipes.get(1);
        assertThat(cdc.state()).isEqualTo("Failed");
        assertThat(cdc.sentEvents()).isNull();
        assertThat(cdc.cpuUsageMillicores()).as("CDC compute is the service's, not the pipe's").isNull();
    }

    @Test
    void assessesHealthFromPoints() {
        HealthProperties properties = HealthProperties.defaults();
        Instant start = Instant.parse("2026-11-24T10:00:00Z");

        assertThat(HealthAssessment.of(List.of(), properties).health()).isEqualTo(PipeHealth.UNKNOWN);
        assertThat(HealthAssessment.of(List.of(point(start, "Degraded", 1, 0)), properties).health())
                .isEqualTo(PipeHealth.FAILED);
        assertThat(HealthAssessment.of(List.of(point(start, "Running", 100, 0),
                point(start.plus(Duration.ofMinutes(9)), "Running", 100, 0)), properties).health())
                .as("not yet stall-after").isEqualTo(PipeHealth.HEALTHY);
        assertThat(HealthAssessment.of(List.of(point(start, "Running", 100, 0),
                point(start.plus(Duration.ofMinutes(10)), "Running", 100, 0)), properties).health())
                .isEqualTo(PipeHealth.STALLED);
        assertThat(HealthAssessment.of(List.of(point(start, "Stopped", 100, 0),
                point(start.plus(Duration.ofMinutes(30)), "Stopped", 100, 0)), properties).health())
                .as("a stopped pipe fetches nothing by design").isEqualTo(PipeHealth.HEALTHY);
        assertThat(HealthAssessment.of(List.of(point(start, "Running", 100, 3),
                point(start.plus(Duration.ofMinutes(2)), "Running", 200, 5)), properties).health())
                .isEqualTo(PipeHealth.ERRORING);
        assertThat(HealthAssessment.of(List.of(point(start, "Running", 100, 3),
                point(start.plus(Duration.ofMinutes(6)), "Running", 200, 5),
                point(start.plus(Duration.ofMinutes(12)), "Running", 300, 5)), properties).health())
                .as("errors rose only before the window").isEqualTo(PipeHealth.HEALTHY);
    }

    @Test
    void theCollectorStretchesItsIntervalForSmallBudgets() {
        assertThat(MetricsCollector.intervalFor(Duration.ofSeconds(60), 10, Duration.ofSeconds(10)))
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(MetricsCollector.intervalFor(Duration.ofSeconds(60), 1, Duration.ofSeconds(60)))
                .as("at most a tenth of the key's requests").isEqualTo(Duration.ofMinutes(10));
    }

    static MetricPoint point(Instant at, String state, double fetched, double errors) {
        return new MetricPoint(at, 1, state, fetched, fetched, fetched * 10, fetched * 10, errors, 5.0, null, null,
                null, null);
    }
}
