package dev.pipedeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import dev.pipedeck.cloud.RawCloudResponse;
import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeCommand;

/**
 * The Prometheus endpoints as the console will scrape them through the client's raw pass-through: the documented
 * ClickPipes series and labels, counters that grow with running time, a stalled pipe and an erroring one.
 */
class SandboxMetricsTest extends SandboxServerTest {

    private static final String KAFKA_ORDERS = SandboxSeed.seedId("orders from Confluent Cloud");
    private static final String KINESIS_STOPPED = SandboxSeed.seedId("clickstream from Kinesis");

    @Test
    void theOrganizationEndpointListsEveryPipeWithTheDocumentedLabels() {
        RawCloudResponse response = scrape("/prometheus?filtered_metrics=true");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/plain").contains("version=0.0.4");
        PrometheusSamples metrics = PrometheusSamples.parse(response.bodyText());
        List<ClickPipe> pipes = allPipes();
        Map<String, String> stateById = pipes.stream()
                .collect(Collectors.toMap(ClickPipe::id, pipe -> pipe.state().wireName()));
        assertThat(metrics.named("ClickPipes_Info")).hasSize(pipes.size()).allSatisfy(info -> {
            assertThat(info.labels()).containsOnlyKeys("clickhouse_org", "clickhouse_service",
                    "clickhouse_service_name", "clickpipe_id", "clickpipe_name", "clickpipe_source", "clickpipe_state");
            assertThat(info.labels().get("clickhouse_org")).isEqualTo(access.organizationId());
            assertThat(info.labels().get("clickpipe_state")).isEqualTo(stateById.get(info.labels().get("clickpipe_id")));
            assertThat(info.value()).isEqualTo(1);
        });
        assertThat(metrics.types()).containsEntry("ClickPipes_Info", "gauge")
                .containsEntry("ClickPipes_FetchedEvents_Total", "counter")
                .containsEntry("ClickPipes_SentEvents_Total", "counter")
                .containsEntry("ClickPipes_FetchedBytes_Total", "counter")
                .containsEntry("ClickPipes_SentBytes_Total", "counter")
                .containsEntry("ClickPipes_Errors_Total", "counter")
                .containsEntry("ClickPipes_Latency", "gauge");
        assertThat(metrics.named("ClickPipes_FetchedEvents_Total").get(0).labels()).doesNotContainKey("clickpipe_state");
        assertThat(metrics.named("ClickPipes_Info")).extracting(s -> s.labels().get("clickpipe_source"))
                .contains("confluent", "msk", "s3", "gcs", "kinesis", "rdspostgres", "auroramysql", "mongodb",
                        "pubsub", "bigquery", "redpanda", "supabase");
        assertThat(metrics.named("ClickHouse_ServiceInfo")).extracting(s -> s.labels().get("clickhouse_service_name"))
                .containsExactly("analytics-prod", "staging");
        assertThat(metrics.named("ClickHouseProfileEvents_Query")).as("filtered").isEmpty();
        assertThat(PrometheusSamples.parse(scrape("/prometheus?filtered_metrics=false").bodyText())
                .named("ClickHouseProfileEvents_Query")).as("unfiltered").hasSize(2);
    }

    @Test
    void countersGrowWhilePipesRunAndFreezeOtherwise() {
        PrometheusSamples before = PrometheusSamples.parse(scrape("/prometheus").bodyText());
        clock.advance(Duration.ofMinutes(1));
        PrometheusSamples after = PrometheusSamples.parse(scrape("/prometheus").bodyText());

        for (String counter : List.of("ClickPipes_FetchedEvents_Total", "ClickPipes_SentEvents_Total",
                "ClickPipes_FetchedBytes_Total", "ClickPipes_SentBytes_Total")) {
            assertThat(after.value(counter, KAFKA_ORDERS)).as(counter + " of a running pipe")
                    .isGreaterThan(before.value(counter, KAFKA_ORDERS));
            assertThat(after.value(counter, KINESIS_STOPPED)).as(counter + " of a stopped pipe")
                    .isEqualTo(before.value(counter, KINESIS_STOPPED)).isPositive();
            assertThat(after.value(counter, SandboxSeed.STALLED_PIPE_ID)).as(counter + " of the stalled pipe")
                    .isEqualTo(before.value(counter, SandboxSeed.STALLED_PIPE_ID));
        }
        assertThat(after.value("ClickPipes_Latency", SandboxSeed.STALLED_PIPE_ID))
                .as("the stalled pipe falls further behind").isGreaterThan(
                        before.value("ClickPipes_Latency", SandboxSeed.STALLED_PIPE_ID) + 50_000);
        assertThat(after.value("ClickPipes_Info", SandboxSeed.STALLED_PIPE_ID)).isEqualTo(1);
        assertThat(after.named("ClickPipes_Info")).filteredOn(s -> s.labels().get("clickpipe_id")
                .equals(SandboxSeed.STALLED_PIPE_ID)).singleElement()
                .satisfies(s -> assertThat(s.labels().get("clickpipe_state")).isEqualTo("Running"));
        assertThat(after.value("ClickPipes_Errors_Total", SandboxSeed.ERRORING_PIPE_ID)).as("errors keep rising")
                .isGreaterThan(before.value("ClickPipes_Errors_Total", SandboxSeed.ERRORING_PIPE_ID));
        assertThat(after.value("ClickPipes_Errors_Total", KAFKA_ORDERS)).isZero();
    }

    @Test
    void aNewPipeStartsCountingOnceItRuns() {
        ClickPipe pipe = call(client.clickPipeCreate(connection, PRODUCTION, SandboxBodies.kafkaConfluent()));
        clock.advance(Duration.ofSeconds(30));
        assertThat(PrometheusSamples.parse(scrape("/prometheus").bodyText())
                .value("ClickPipes_FetchedEvents_Total", pipe.id())).as("Running for 28 s").isPositive();

        call(client.clickPipeStateUpdate(connection, PRODUCTION, pipe.id(), ClickPipeCommand.STOP));
        clock.advance(DELAY);
        double stopped = PrometheusSamples.parse(scrape("/prometheus").bodyText())
                .value("ClickPipes_FetchedEvents_Total", pipe.id());
        clock.advance(Duration.ofMinutes(5));
        assertThat(PrometheusSamples.parse(scrape("/prometheus").bodyText())
                .value("ClickPipes_FetchedEvents_Total", pipe.id())).isEqualTo(stopped);
    }

    @Test
    void theServiceEndpointListsOnlyThatService() {
        PrometheusSamples staging = PrometheusSamples.parse(scrape("/services/" + STAGING + "/prometheus").bodyText());

        assertThat(staging.named("ClickPipes_Info")).hasSize(2)
                .allSatisfy(s -> assertThat(s.labels().get("clickhouse_service")).isEqualTo(STAGING));
        assertThat(staging.named("CDC_CPU_Limit_Millicores")).singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo(2000));
    }

    @Test
    void badParametersAndUnknownServicesGetTheErrorEnvelope() {
        RawCloudResponse badFlag = scrape("/prometheus?filtered_metrics=maybe");
        assertThat(badFlag.status()).isEqualTo(400);
        assertThat(badFlag.bodyText()).contains("BAD_REQUEST: filtered_metrics: must be true or false");

        RawCloudResponse unknown = scrape("/services/11111111-2222-4333-8444-555555555555/prometheus");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.bodyText()).contains("\"error\":\"NOT_FOUND: ");
    }

    @Test
    void hostileNamesAreEscapedInLabels() {
        faults.setHostileStrings(true);
        cloud.showHostilePipes(true);

        PrometheusSamples metrics = PrometheusSamples.parse(scrape("/prometheus").bodyText());

        assertThat(metrics.named("ClickPipes_Info")).extracting(s -> s.labels().get("clickpipe_name"))
                .contains(SandboxFaults.HOSTILE_SCRIPT, SandboxFaults.HOSTILE_ATTRIBUTE);
    }

    private RawCloudResponse scrape(String pathAfterOrganization) {
        return call(client.exchangeRaw(connection, HttpMethod.GET,
                "/organizations/" + access.organizationId() + pathAfterOrganization, null));
    }

    private List<ClickPipe> allPipes() {
        List<ClickPipe> pipes = new ArrayList<>(call(client.clickPipeGetList(connection, PRODUCTION)));
        pipes.addAll(call(client.clickPipeGetList(connection, STAGING)));
        return pipes;
    }
}
