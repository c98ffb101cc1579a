package dev.pipedeck.health;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.pipedeck.health.PrometheusText.Sample;

/**
 * One pipe's readings in one scrape, taken from the ClickPipes series by their {@code clickpipe_id} label: the
 * counters (events and bytes fetched and sent, errors), the latest latency, the state {@code ClickPipes_Info} carries,
 * and CPU and memory summed over the pipe's replicas where the scrape has them (streaming pipes; database pipes share
 * their service's {@code CDC_*} compute, which belongs to no single pipe). A reading a scrape lacks is null.
 */
public record PipeMetrics(String pipeId, String organizationId, String serviceId, @Nullable String pipeName,
        @Nullable String state, @Nullable Double fetchedEvents, @Nullable Double sentEvents,
        @Nullable Double fetchedBytes, @Nullable Double sentBytes, @Nullable Double errors,
        @Nullable Double latencyMillis, @Nullable Double cpuUsageMillicores, @Nullable Double cpuLimitMillicores,
        @Nullable Double memoryUsageBytes, @Nullable Double memoryLimitBytes) {

    static final String PIPE_ID = "clickpipe_id";

    /** The pipes in {@code samples}, in the order they first appear; series without a pipe id are ignored. */
    public static List<PipeMetrics> from(List<Sample> samples) {
        Map<String, Builder> pipes = new LinkedHashMap<>();
        for (Sample sample : samples) {
            String pipeId = sample.label(PIPE_ID);
            if (pipeId == null || pipeId.isEmpty() || !sample.name().startsWith("ClickPipes_")) {
                continue;
            }
            pipes.computeIfAbsent(pipeId, Builder::new).add(sample);
        }
        List<PipeMetrics> result = new ArrayList<>();
        for (Builder builder : pipes.values()) {
            if (builder.organizationId != null && builder.serviceId != null) {
                result.add(builder.build());
            }
        }
        return result;
    }

    private static final class Builder {

        private final String pipeId;
        private String organizationId;
        private String serviceId;
        private String pipeName;
        private String state;
        private final Map<String, Double> values = new LinkedHashMap<>();

        Builder(String pipeId) {
            this.pipeId = pipeId;
        }

        void add(Sample sample) {
            if (organizationId == null) {
                organizationId = sample.label("clickhouse_org");
            }
            if (serviceId == null) {
                serviceId = sample.label("clickhouse_service");
            }
            if (pipeName == null) {
                pipeName = sample.label("clickpipe_name");
            }
            switch (sample.name()) {
                case "ClickPipes_Info" -> state = sample.label("clickpipe_state");
                case "ClickPipes_Replica_CPU_Usage_Millicores", "ClickPipes_Replica_CPU_Limit_Millicores",
                        "ClickPipes_Replica_Memory_Usage_Bytes", "ClickPipes_Replica_Memory_Limit_Bytes" ->
                    values.merge(sample.name(), sample.value(), Double::sum);
                default -> values.put(sample.name(), sample.value());
            }
        }

        PipeMetrics build() {
            return new PipeMetrics(pipeId, organizationId, serviceId, pipeName, state,
                    values.get("ClickPipes_FetchedEvents_Total"), values.get("ClickPipes_SentEvents_Total"),
                    values.get("ClickPipes_FetchedBytes_Total"), values.get("ClickPipes_SentBytes_Total"),
                    values.get("ClickPipes_Errors_Total"), values.get("ClickPipes_Latency"),
                    values.get("ClickPipes_Replica_CPU_Usage_Millicores"),
                    values.get("ClickPipes_Replica_CPU_Limit_Millicores"),
                    values.get("ClickPipes_Replica_Memory_Usage_Bytes"),
                    values.get("ClickPipes_Replica_Memory_Limit_Bytes"));
        }
    }
}
