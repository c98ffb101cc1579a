package dev.pipedeck.sandbox;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import dev.pipedeck.cloud.clickpipe.ClickPipeState;

/**
 * The sandbox's Prometheus text exposition (format 0.0.4): {@code ClickHouse_ServiceInfo} per service and the
 * ClickPipes series the ClickHouse docs list, labelled {@code clickhouse_org}, {@code clickhouse_service},
 * {@code clickhouse_service_name}, {@code clickpipe_id}, {@code clickpipe_name}, {@code clickpipe_source} (and
 * {@code clickpipe_state} on {@code ClickPipes_Info}). Counters grow with each pipe's running time; a stalled pipe's
 * counters freeze while its latency climbs, an erroring pipe's error counter keeps rising. The per-replica and
 * {@code CDC_*} resource series are the sandbox's own spelling of what the docs describe.
 */
final class MetricsExposition {

    private static final double SECONDS_IN_FLIGHT = 2;

    private final StringBuilder text = new StringBuilder(8192);

    private MetricsExposition() {
    }

    /** The exposition of {@code services} and their {@code pipes}; unfiltered adds a few ClickHouse series. */
    static String render(String organizationId, List<ServiceSample> services, List<PipeSample> pipes,
            boolean filtered) {
        MetricsExposition exposition = new MetricsExposition();
        exposition.write(organizationId, services, pipes, filtered);
        return exposition.text.toString();
    }

    private void write(String organizationId, List<ServiceSample> services, List<PipeSample> pipes, boolean filtered) {
        Map<String, ServiceSample> byId = new LinkedHashMap<>();
        services.forEach(service -> byId.put(service.id(), service));

        family("ClickHouse_ServiceInfo", "untyped", "Information about the service, including cluster status and "
                + "ClickHouse version");
        for (ServiceSample service : services) {
            Map<String, String> labels = serviceLabels(organizationId, service);
            labels.put("clickhouse_cluster_status", service.state());
            labels.put("clickhouse_version", "25.8");
            sample("ClickHouse_ServiceInfo", labels, 1);
        }
        if (!filtered) {
            family("ClickHouseProfileEvents_Query", "counter", "Number of queries to be interpreted and potentially "
                    + "executed.");
            for (ServiceSample service : services) {
                sample("ClickHouseProfileEvents_Query", serviceLabels(organizationId, service),
                        Math.round(pipes.stream().filter(p -> p.serviceId().equals(service.id()))
                                .mapToDouble(p -> p.effectiveSeconds() / 5).sum()));
            }
        }

        family("ClickPipes_Info", "gauge", "Always equal to 1. Label \"clickpipe_state\" contains the current state "
                + "of the pipe: Stopped/Provisioning/Running/Paused/Failed");
        for (PipeSample pipe : pipes) {
            Map<String, String> labels = pipeLabels(organizationId, byId.get(pipe.serviceId()), pipe);
            labels.put("clickpipe_state", pipe.state().wireName());
            sample("ClickPipes_Info", labels, 1);
        }
        counter(organizationId, byId, pipes, "ClickPipes_FetchedEvents_Total",
                "Total number of records fetched from the source.", PipeSample::fetchedEvents);
        counter(organizationId, byId, pipes, "ClickPipes_SentEvents_Total",
                "Total number of records sent to ClickHouse.", PipeSample::sentEvents);
        counter(organizationId, byId, pipes, "ClickPipes_FetchedBytes_Total",
                "Total uncompressed bytes fetched from the source.", p -> p.fetchedEvents() * p.bytesPerEvent());
        counter(organizationId, byId, pipes, "ClickPipes_FetchedBytesCompressed_Total",
                "Total compressed bytes fetched from the source.", p -> Math.round(p.fetchedEvents()
                        * p.bytesPerEvent() * p.throughput().compressedShare()));
        counter(organizationId, byId, pipes, "ClickPipes_SentBytes_Total",
                "Total uncompressed bytes sent to ClickHouse.", p -> p.sentEvents() * p.bytesPerEvent());
        counter(organizationId, byId, pipes, "ClickPipes_SentBytesCompressed_Total",
                "Total compressed bytes sent to ClickHouse.", p -> Math.round(p.sentEvents() * p.bytesPerEvent()
                        * p.throughput().compressedShare()));
        counter(organizationId, byId, pipes, "ClickPipes_Errors_Total",
                "Total errors while ingesting data.", PipeSample::errors);

        family("ClickPipes_Latency", "gauge", "Latency of the most recent batch, from source to ClickHouse, in "
                + "milliseconds.");
        for (PipeSample pipe : pipes) {
            if (pipe.state() == ClickPipeState.RUNNING) {
                sample("ClickPipes_Latency", pipeLabels(organizationId, byId.get(pipe.serviceId()), pipe),
                        pipe.latencyMillis());
            }
        }
        replicaGauges(organizationId, byId, pipes);
        cdcGauges(organizationId, services, pipes);
    }

    private void counter(String organizationId, Map<String, ServiceSample> services, List<PipeSample> pipes,
            String name, String help, Function<PipeSample, Long> value) {
        family(name, "counter", help);
        for (PipeSample pipe : pipes) {
            sample(name, pipeLabels(organizationId, services.get(pipe.serviceId()), pipe), value.apply(pipe));
        }
    }

    /** CPU and memory of each replica of running streaming pipes. */
    private void replicaGauges(String organizationId, Map<String, ServiceSample> services, List<PipeSample> pipes) {
        List<PipeSample> running = pipes.stream()
                .filter(p -> !p.kind().isDatabase() && p.state() == ClickPipeState.RUNNING).toList();
        String[][] families = {
            {"ClickPipes_Replica_CPU_Usage_Millicores", "CPU used by one replica, in millicores."},
            {"ClickPipes_Replica_CPU_Limit_Millicores", "CPU limit of one replica, in millicores."},
            {"ClickPipes_Replica_Memory_Usage_Bytes", "Memory used by one replica, in bytes."},
            {"ClickPipes_Replica_Memory_Limit_Bytes", "Memory limit of one replica, in bytes."}};
        for (int f = 0; f < families.length; f++) {
            family(families[f][0], "gauge", families[f][1]);
            for (PipeSample pipe : running) {
                for (int replica = 0; replica < pipe.replicas(); replica++) {
                    Map<String, String> labels = pipeLabels(organizationId, services.get(pipe.serviceId()), pipe);
                    labels.put("replica", Integer.toString(replica));
                    double load = 0.3 + ((pipe.id().hashCode() + replica * 7) & 0x3f) / 100.0;
                    double memoryBytes = pipe.replicaMemoryGb() * 1024 * 1024 * 1024;
                    double value = switch (f) {
                        case 0 -> Math.round(pipe.replicaCpuMillicores() * load);
                        case 1 -> pipe.replicaCpuMillicores();
                        case 2 -> Math.round(memoryBytes * load);
                        default -> Math.round(memoryBytes);
                    };
                    sample(families[f][0], labels, value);
                }
            }
        }
    }

    /** The compute a service's database pipes share. */
    private void cdcGauges(String organizationId, List<ServiceSample> services, List<PipeSample> pipes) {
        List<ServiceSample> withDatabasePipes = services.stream().filter(service -> pipes.stream()
                .anyMatch(p -> p.kind().isDatabase() && p.serviceId().equals(service.id()))).toList();
        String[][] families = {
            {"CDC_CPU_Usage_Millicores", "CPU used by the service's database ClickPipes, in millicores."},
            {"CDC_CPU_Limit_Millicores", "CPU available to the service's database ClickPipes, in millicores."},
            {"CDC_Memory_Usage_Bytes", "Memory used by the service's database ClickPipes, in bytes."},
            {"CDC_Memory_Limit_Bytes", "Memory available to the service's database ClickPipes, in bytes."}};
        for (int f = 0; f < families.length; f++) {
            family(families[f][0], "gauge", families[f][1]);
            for (ServiceSample service : withDatabasePipes) {
                long running = pipes.stream().filter(p -> p.kind().isDatabase() && p.serviceId().equals(service.id())
                        && p.state() == ClickPipeState.RUNNING).count();
                double load = Math.min(0.95, 0.1 + running * 0.15);
                double memoryBytes = service.cdcMemoryGb() * 1024 * 1024 * 1024;
                double value = switch (f) {
                    case 0 -> Math.round(service.cdcCpuMillicores() * load);
                    case 1 -> service.cdcCpuMillicores();
                    case 2 -> Math.round(memoryBytes * load);
                    default -> Math.round(memoryBytes);
                };
                sample(families[f][0], serviceLabels(organizationId, service), value);
            }
        }
    }

    private void family(String name, String type, String help) {
        text.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
                .append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, Map<String, String> labels, double value) {
        text.append(name).append('{');
        boolean first = true;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (!first) {
                text.append(',');
            }
            first = false;
            text.append(label.getKey()).append("=\"").append(escape(label.getValue())).append('"');
        }
        text.append("} ");
        text.append(value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.3f", value));
        text.append('\n');
    }

    private static Map<String, String> serviceLabels(String organizationId, ServiceSample service) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("clickhouse_org", organizationId);
        labels.put("clickhouse_service", service.id());
        labels.put("clickhouse_service_name", service.name());
        return labels;
    }

    private static Map<String, String> pipeLabels(String organizationId, ServiceSample service, PipeSample pipe) {
        Map<String, String> labels = serviceLabels(organizationId, service);
        labels.put("clickpipe_id", pipe.id());
        labels.put("clickpipe_name", pipe.name());
        labels.put("clickpipe_source", pipe.source());
        return labels;
    }

    /** Label values escape backslash, double quote and line feed. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** A service as the metrics see it. */
    record ServiceSample(String id, String name, String state, long cdcCpuMillicores, double cdcMemoryGb) {
    }

    /** A pipe as the metrics see it, read under the sandbox's lock. */
    record PipeSample(String id, String serviceId, String name, String source, SourceKind kind, ClickPipeState state,
            Duration runningTime, SandboxPipe.Throughput throughput, int replicas, long replicaCpuMillicores,
            double replicaMemoryGb) {

        /** Running seconds that moved data: a stalled pipe stopped moving data when it stalled. */
        double effectiveSeconds() {
            double seconds = runningTime.toMillis() / 1000.0;
            return throughput.stalledAfter() == null ? seconds
                    : Math.min(seconds, throughput.stalledAfter().toMillis() / 1000.0);
        }

        long fetchedEvents() {
            return Math.round(throughput.eventsPerSecond() * effectiveSeconds());
        }

        long sentEvents() {
            long inFlight = state == ClickPipeState.RUNNING && throughput.stalledAfter() == null
                    ? Math.round(throughput.eventsPerSecond() * Math.min(SECONDS_IN_FLIGHT, effectiveSeconds())) : 0;
            return Math.max(0, fetchedEvents() - inFlight);
        }

        long bytesPerEvent() {
            return throughput.bytesPerEvent();
        }

        long errors() {
            return Math.round(throughput.errorsPerSecond() * runningTime.toMillis() / 1000.0);
        }

        /** Usual latency; a stalled pipe's grows by a second every second since it stalled. */
        double latencyMillis() {
            double seconds = runningTime.toMillis() / 1000.0;
            return throughput.stalledAfter() == null ? throughput.latencyMillis()
                    : throughput.latencyMillis() + Math.max(0, seconds - effectiveSeconds()) * 1000;
        }
    }

    /** Whether {@code value} of the query parameter asks for the filtered list; 400 for anything but true/false. */
    static boolean filtered(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw SandboxApiException.badRequest("filtered_metrics", "must be true or false (got \""
                    + value + "\")");
        };
    }
}
