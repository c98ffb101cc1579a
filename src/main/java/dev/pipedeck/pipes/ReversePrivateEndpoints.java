package dev.pipedeck.pipes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import dev.pipedeck.audit.AuditEntry;
import dev.pipedeck.audit.AuditResult;
import dev.pipedeck.cloud.ClickHouseCloudClient;
import dev.pipedeck.cloud.CloudConnection;
import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.CreateReversePrivateEndpoint;
import dev.pipedeck.cloud.clickpipe.CustomPrivateDnsMapping;
import dev.pipedeck.cloud.clickpipe.ReversePrivateEndpoint;
import dev.pipedeck.cloud.clickpipe.UpdateReversePrivateEndpoint;
import dev.pipedeck.orgs.OrgConnection;

/**
 * A service's reverse private endpoints (the spec's {@code clickpipesReversePrivateEndpoints} operations): everyone
 * reads them, operators create them, replace their custom private DNS names and delete them. Input is checked against
 * the spec's rules before anything is sent; every change is audited through {@link AuditedCloudCalls}.
 */
@Service
public class ReversePrivateEndpoints {

    static final Duration CALL_LIMIT = Duration.ofSeconds(90);
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final AuditedCloudCalls calls;
    private final ClickHouseCloudClient cloud;

    public ReversePrivateEndpoints(AuditedCloudCalls calls, ClickHouseCloudClient cloud) {
        this.calls = calls;
        this.cloud = cloud;
    }

    /**
     * The service's endpoints as ClickHouse Cloud lists them (for a pipe wizard to offer). Throws the client's
     * exception when they cannot be read; {@link CloudProblem#of(Throwable)} explains it.
     */
    @PreAuthorize("hasRole('VIEWER')")
    public List<ReversePrivateEndpoint> list(ServiceRef service) {
        return readList(calls.connection(service.organizationId()), service);
    }

    /** The list page: the endpoints with the pipes that use them, or the problem that kept them from being read. */
    @PreAuthorize("hasRole('VIEWER')")
    public EndpointList page(ServiceRef service) {
        OrgConnection organization = calls.organization(service.organizationId());
        CloudConnection connection = calls.connection(service.organizationId());
        String serviceName = serviceName(connection, service);
        try {
            List<ReversePrivateEndpoint> endpoints = readList(connection, service);
            Map<String, List<String>> usage = pipesByEndpoint(connection, service);
            List<EndpointView> views = endpoints.stream()
                    .map(endpoint -> new EndpointView(endpoint, usage.getOrDefault(endpoint.id(), List.of())))
                    .sorted(Comparator.comparing((EndpointView view) -> sortKey(view.endpoint().description()))
                            .thenComparing(view -> sortKey(view.id())))
                    .toList();
            return new EndpointList(organization, service.serviceId(), serviceName, views, null);
        } catch (RuntimeException e) {
            return new EndpointList(organization, service.serviceId(), serviceName, List.of(), CloudProblem.of(e));
        }
    }

    /** One endpoint for its page, or the problem that kept it from being read. */
    @PreAuthorize("hasRole('VIEWER')")
    public EndpointDetail detail(ServiceRef service, String endpointId) {
        requireEndpointId(endpointId);
        OrgConnection organization = calls.organization(service.organizationId());
        CloudConnection connection = calls.connection(service.organizationId());
        String serviceName = serviceName(connection, service);
        try {
            ReversePrivateEndpoint endpoint = cloud.clickPipeReversePrivateEndpointGet(connection, service.serviceId(),
                    endpointId).block(CALL_LIMIT);
            List<String> usedBy = pipesByEndpoint(connection, service).getOrDefault(endpointId, List.of());
            return new EndpointDetail(organization, service.serviceId(), serviceName, new EndpointView(endpoint, usedBy),
                    null);
        } catch (RuntimeException e) {
            return new EndpointDetail(organization, service.serviceId(), serviceName, null, CloudProblem.of(e));
        }
    }

    /** Creates an endpoint of the chosen type, sending only that type's fields. */
    @PreAuthorize("hasRole('OPERATOR')")
    public EndpointChange create(ServiceRef service, NewEndpointForm form) {
        CreateReversePrivateEndpoint body = bodyOf(form);
        AuditEntry.Builder entry = AuditEntry.of("service.privateEndpoint.create")
                .target(calls.target(service))
                .request(body);
        List<String> namesInUse = form.typedNames().isEmpty() ? List.of() : dnsNamesInUse(service, null);
        Map<String, String> errors = ReversePrivateEndpointRules.check(form, namesInUse);
        if (!errors.isEmpty()) {
            calls.refused(entry, errors.values());
            return EndpointChange.refused(errors);
        }
        ChangeOutcome<ReversePrivateEndpoint> outcome = calls.call(entry.build(),
                connection -> cloud.clickPipeReversePrivateEndpointCreate(connection, service.serviceId(), body),
                created -> AuditResult.success().withChange(null, created));
        return outcome.succeeded() ? EndpointChange.done(outcome.value()) : EndpointChange.failed(outcome.problem());
    }

    /**
     * Replaces the endpoint's custom private DNS names (the spec's PATCH takes the whole list; an empty list clears
     * it). Nothing is sent when the names were changed by someone else since the operator saw them.
     */
    @PreAuthorize("hasRole('OPERATOR')")
    public EndpointChange updateDnsNames(ServiceRef service, String endpointId, DnsNamesForm form) {
        requireEndpointId(endpointId);
        ReversePrivateEndpoint current;
        try {
            current = cloud.clickPipeReversePrivateEndpointGet(calls.connection(service.organizationId()),
                    service.serviceId(), endpointId).block(CALL_LIMIT);
        } catch (RuntimeException e) {
            return EndpointChange.failed(CloudProblem.of(e));
        }
        List<String> before = new EndpointView(current, List.of()).customDnsNames();
        if (form.getSeenNames() != null && !sameNames(names(form.getSeenNames()), before)) {
            return EndpointChange.conflict(before);
        }
        List<String> names = form.typedNames();
        UpdateReversePrivateEndpoint body = new UpdateReversePrivateEndpoint(
                names.stream().map(CustomPrivateDnsMapping::new).toList());
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("reversePrivateEndpointId", endpointId);
        request.put("description", current.description());
        request.put("customPrivateDnsMappings", body.customPrivateDnsMappings());
        AuditEntry.Builder entry = AuditEntry.of("service.privateEndpoint.update")
                .target(calls.target(service))
                .request(request);
        List<String> namesInUse = names.isEmpty() ? List.of() : dnsNamesInUse(service, endpointId);
        Map<String, String> errors = ReversePrivateEndpointRules.check(form,
                EndpointType.of(current.type()).orElse(null), namesInUse);
        if (!errors.isEmpty()) {
            calls.refused(entry, errors.values());
            return EndpointChange.refused(errors);
        }
        ChangeOutcome<ReversePrivateEndpoint> outcome = calls.call(entry.build(),
                connection -> cloud.clickPipeReversePrivateEndpointUpdate(connection, service.serviceId(), endpointId,
                        body),
                updated -> AuditResult.success().withChange(dnsNames(before),
                        dnsNames(new EndpointView(updated, List.of()).customDnsNames())));
        return outcome.succeeded() ? EndpointChange.done(outcome.value()) : EndpointChange.failed(outcome.problem());
    }

    /** Deletes the endpoint. Pipes that use it lose their private route to the source. */
    @PreAuthorize("hasRole('OPERATOR')")
    public ChangeOutcome<Void> delete(ServiceRef service, String endpointId) {
        requireEndpointId(endpointId);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("reversePrivateEndpointId", endpointId);
        try {
            ReversePrivateEndpoint current = cloud.clickPipeReversePrivateEndpointGet(
                    calls.connection(service.organizationId()), service.serviceId(), endpointId).block(CALL_LIMIT);
            request.put("description", current.description());
            request.put("type", current.type());
        } catch (RuntimeException unread) {
            // The id identifies the endpoint; its description is a courtesy to the reader of the audit log.
        }
        AuditEntry entry = AuditEntry.of("service.privateEndpoint.delete")
                .target(calls.target(service))
                .request(request)
                .build();
        return calls.call(entry, connection -> cloud.clickPipeReversePrivateEndpointDelete(connection,
                service.serviceId(), endpointId));
    }

    // ---- helpers ----

    private List<ReversePrivateEndpoint> readList(CloudConnection connection, ServiceRef service) {
        List<ReversePrivateEndpoint> endpoints = cloud.clickPipeReversePrivateEndpointGetList(connection,
                service.serviceId()).block(CALL_LIMIT);
        return endpoints == null ? List.of() : endpoints;
    }

    /** The body the spec's create takes: the chosen type's fields only, blanks left out. */
    static CreateReversePrivateEndpoint bodyOf(NewEndpointForm form) {
        String type = ReversePrivateEndpointRules.trim(form.getType());
        EndpointType known = EndpointType.of(type).orElse(null);
        List<String> names = form.typedNames();
        return new CreateReversePrivateEndpoint(
                blankToNull(form.getDescription()),
                type.isEmpty() ? null : type,
                known == EndpointType.VPC_ENDPOINT_SERVICE ? blankToNull(form.getVpcEndpointServiceName()) : null,
                known == EndpointType.VPC_RESOURCE ? blankToNull(form.getVpcResourceConfigurationId()) : null,
                known == EndpointType.VPC_RESOURCE ? blankToNull(form.getVpcResourceShareArn()) : null,
                known == EndpointType.MSK_MULTI_VPC ? blankToNull(form.getMskClusterArn()) : null,
                known == EndpointType.MSK_MULTI_VPC ? blankToNull(form.getMskAuthentication()) : null,
                known == EndpointType.GCP_PSC_SERVICE_ATTACHMENT ? blankToNull(form.getGcpServiceAttachment()) : null,
                names.isEmpty() ? null : names.stream().map(CustomPrivateDnsMapping::new).toList());
    }

    /** Endpoint id → names of the pipes whose Kafka source routes through it; empty when pipes cannot be read. */
    private Map<String, List<String>> pipesByEndpoint(CloudConnection connection, ServiceRef service) {
        Map<String, List<String>> usage = new HashMap<>();
        try {
            List<ClickPipe> pipes = cloud.clickPipeGetList(connection, service.serviceId()).block(CALL_LIMIT);
            for (ClickPipe pipe : pipes == null ? List.<ClickPipe>of() : pipes) {
                if (pipe.source() == null || pipe.source().kafka() == null
                        || pipe.source().kafka().reversePrivateEndpointIds() == null) {
                    continue;
                }
                for (String endpointId : pipe.source().kafka().reversePrivateEndpointIds()) {
                    usage.computeIfAbsent(endpointId, id -> new ArrayList<>())
                            .add(pipe.name() != null ? pipe.name() : pipe.id());
                }
            }
        } catch (RuntimeException unread) {
            // Which pipes use an endpoint is extra information; the endpoints themselves are what the page is for.
        }
        return usage;
    }

    /** Custom DNS names the service's other endpoints hold; empty when unreadable (ClickHouse Cloud checks too). */
    private List<String> dnsNamesInUse(ServiceRef service, String exceptEndpointId) {
        try {
            return readList(calls.connection(service.organizationId()), service).stream()
                    .filter(endpoint -> !endpoint.id().equals(exceptEndpointId))
                    .flatMap(endpoint -> new EndpointView(endpoint, List.of()).customDnsNames().stream())
                    .toList();
        } catch (RuntimeException unread) {
            return List.of();
        }
    }

    private String serviceName(CloudConnection connection, ServiceRef service) {
        try {
            return cloud.instanceGet(connection, service.serviceId()).block(CALL_LIMIT).name();
        } catch (RuntimeException unnamed) {
            return service.serviceId();
        }
    }

    private static Map<String, Object> dnsNames(List<String> names) {
        return Map.of("customPrivateDnsMappings", names.stream().map(CustomPrivateDnsMapping::new).toList());
    }

    private static boolean sameNames(List<String> a, List<String> b) {
        return lowerCased(a).equals(lowerCased(b));
    }

    private static Set<String> lowerCased(List<String> names) {
        Set<String> set = new HashSet<>();
        names.forEach(name -> set.add(name.toLowerCase(Locale.ROOT)));
        return set;
    }

    private static List<String> names(String text) {
        return Arrays.stream(text.strip().split("\\s+")).filter(name -> !name.isEmpty()).toList();
    }

    private static void requireEndpointId(String endpointId) {
        if (endpointId == null || !UUID.matcher(endpointId).matches()) {
            throw new UnknownEndpointException(endpointId);
        }
    }

    private static String blankToNull(String value) {
        String text = ReversePrivateEndpointRules.trim(value);
        return text.isEmpty() ? null : text;
    }

    private static String sortKey(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }
}
