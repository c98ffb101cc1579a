package dev.pipedeck.sandbox;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ClickHouse Cloud API paths the console uses, under {@code /sandbox/v1}, each handed to {@link SandboxCloud}.
 * {@link SandboxGate} has already checked the key and applied the configured faults.
 */
@RestController
class SandboxApiController {

    private static final String ORG = "/sandbox/v1/organizations/{organizationId}";
    private static final String SERVICE = ORG + "/services/{serviceId}";
    private static final String PIPES = SERVICE + "/clickpipes";
    private static final String PIPE = PIPES + "/{clickPipeId}";
    private static final String ENDPOINTS = SERVICE + "/clickpipesReversePrivateEndpoints";
    private static final String ENDPOINT = ENDPOINTS + "/{reversePrivateEndpointId}";

    private final SandboxCloud cloud;
    private final SandboxWire wire;

    SandboxApiController(SandboxCloud cloud, SandboxWire wire) {
        this.cloud = cloud;
        this.wire = wire;
    }

    // ---- organization, keys, services ----

    @GetMapping(ORG)
    ResponseEntity<byte[]> organizationGet(@PathVariable String organizationId, HttpServletRequest request) {
        return wire.ok(request, cloud.organization(organizationId));
    }

    @GetMapping(ORG + "/keys")
    ResponseEntity<byte[]> openapiKeyGetList(@PathVariable String organizationId, HttpServletRequest request) {
        return wire.ok(request, cloud.apiKeys(organizationId));
    }

    @GetMapping(ORG + "/services")
    ResponseEntity<byte[]> instanceGetList(@PathVariable String organizationId, HttpServletRequest request) {
        return wire.ok(request, cloud.services(organizationId));
    }

    @GetMapping(SERVICE)
    ResponseEntity<byte[]> instanceGet(@PathVariable String organizationId, @PathVariable String serviceId,
            HttpServletRequest request) {
        return wire.ok(request, cloud.service(organizationId, serviceId));
    }

    @PatchMapping(SERVICE + "/state")
    ResponseEntity<byte[]> instanceStateUpdate(@PathVariable String organizationId, @PathVariable String serviceId,
            @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        return wire.ok(request, cloud.changeServiceState(organizationId, serviceId, wire.body(body)));
    }

    // ---- ClickPipes ----

    @GetMapping(PIPES)
    ResponseEntity<byte[]> clickPipeGetList(@PathVariable String organizationId, @PathVariable String serviceId,
            HttpServletRequest request) {
        return wire.ok(request, cloud.pipes(organizationId, serviceId));
    }

    @PostMapping(PIPES)
    ResponseEntity<byte[]> clickPipeCreate(@PathVariable String organizationId, @PathVariable String serviceId,
            @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        return wire.ok(request, cloud.createPipe(organizationId, serviceId, wire.body(body)));
    }

    @PostMapping(PIPES + "/schemaDiscovery")
    ResponseEntity<byte[]> clickPipeSchemaDiscovery(@PathVariable String organizationId,
            @PathVariable String serviceId, @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        return wire.ok(request, cloud.discoverSchema(organizationId, serviceId, wire.body(body)));
    }

    @GetMapping(PIPE)
    ResponseEntity<byte[]> clickPipeGet(@PathVariable String organizationId, @PathVariable String serviceId,
            @PathVariable String clickPipeId, HttpServletRequest request) {
        return wire.ok(request, cloud.pipe(organizationId, serviceId, clickPipeId));
    }

    @PatchMapping(PIPE)
    ResponseEntity<byte[]> clickPipeUpdate(@PathVariable String organizationId, @PathVariable String serviceId,
            @PathVariable String clickPipeId, @RequestBody(required = false) byte[] body,
            HttpServletRequest request) {
        return wire.ok(request, cloud.patchPipe(organizationId, serviceId, clickPipeId, wire.body(body)));
    }

    @DeleteMapping(PIPE)
    ResponseEntity<byte[]> clickPipeDelete(@PathVariable String organizationId, @PathVariable String serviceId,
            @PathVariable String clickPipeId, HttpServletRequest request) {
        cloud.deletePipe(organizationId, serviceId, clickPipeId);
        return wire.ok(request);
    }

    @GetMapping(PIPE + "/settings")
    ResponseEntity<byte[]> clickPipeSettingsGet(@PathVariable String organizationId, @PathVariable String serviceId,
            @PathVariable String clickPipeId, HttpServletRequest request) {
        return wire.ok(request, cloud.pipeSettings(organizationId, serviceId, clickPipeId));
    }

    @PutMapping(PIPE + "/settings")
    ResponseEntity<byte[]> clickPipeSettingsUpdate(@PathVariable String organizationId,
            @PathVariable String serviceId, @PathVariable String clickPipeId,
            @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        return wire.ok(request, cloud.mergePipeSettings(organizationId, serviceId, clickPipeId, wire.body(body)));
    }

    @PatchMapping(PIPE + "/scaling")
    ResponseEntity<byte[]> clickPipeScalingUpdate(@PathVariable String organizationId,
            @PathVariable String serviceId, @PathVariable String clickPipeId,
            @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        return wire.ok(request, cloud.scalePipe(organizationId, serviceId, clickPipeId, wire.body(body)));
    }

    @PatchMapping(PIPE + "/state")
    ResponseEntity<byte[]> clickPipeStateUpdate(@PathVariable String organizationId, @PathVariable String serviceId,
            @PathVariable String clickPipeId, @RequestBody(required = false) byte[] body,
            HttpServletRequest request) {
        return wire.ok(request, cloud.changePipeState(organizationId, serviceId, clickPipeId, wire.body(body)));
    }

    @GetMapping(SERVICE + "/clickpipesCdcScaling")
    ResponseEntity<byte[]> clickPipeCdcScalingGet(@PathVariable String organizationId,
            @PathVariable String serviceId, HttpServletRequest request) {
        return wire.ok(request, cloud.cdcScaling(organizationId, serviceId));
    }

    @PatchMapping(SERVICE + "/clickpipesCdcScaling")
    ResponseEntity<byte[]> clickPipeCdcScalingUpdate(@PathVariable String organizationId,
            @PathVariable String serviceId, @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        return wire.ok(request, cloud.scaleCdc(organizationId, serviceId, wire.body(body)));
    }

    // ---- reverse private endpoints ----

    @GetMapping(ENDPOINTS)
    ResponseEntity<byte[]> clickPipeReversePrivateEndpointGetList(@PathVariable String organizationId,
            @PathVariable String serviceId, HttpServletRequest request) {
        return wire.ok(request, cloud.endpoints(organizationId, serviceId));
    }

    @PostMapping(ENDPOINTS)
    ResponseEntity<byte[]> clickPipeReversePrivateEndpointCreate(@PathVariable String organizationId,
            @PathVariable String serviceId, @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        return wire.ok(request, cloud.createEndpoint(organizationId, serviceId, wire.body(body)));
    }

    @GetMapping(ENDPOINT)
    ResponseEntity<byte[]> clickPipeReversePrivateEndpointGet(@PathVariable String organizationId,
            @PathVariable String serviceId, @PathVariable String reversePrivateEndpointId,
            HttpServletRequest request) {
        return wire.ok(request, cloud.endpoint(organizationId, serviceId, reversePrivateEndpointId));
    }

    @PatchMapping(ENDPOINT)
    ResponseEntity<byte[]> clickPipeReversePrivateEndpointUpdate(@PathVariable String organizationId,
            @PathVariable String serviceId, @PathVariable String reversePrivateEndpointId,
            @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        return wire.ok(request, cloud.updateEndpoint(organizationId, serviceId, reversePrivateEndpointId,
                wire.body(body)));
    }

    @DeleteMapping(ENDPOINT)
    ResponseEntity<byte[]> clickPipeReversePrivateEndpointDelete(@PathVariable String organizationId,
            @PathVariable String serviceId, @PathVariable String reversePrivateEndpointId,
            HttpServletRequest request) {
        cloud.deleteEndpoint(organizationId, serviceId, reversePrivateEndpointId);
        return wire.ok(request);
    }

    // ---- metrics ----

    @GetMapping(ORG + "/prometheus")
    ResponseEntity<byte[]> organizationPrometheusGet(@PathVariable String organizationId,
            @RequestParam(name = "filtered_metrics", required = false) String filteredMetrics) {
        return wire.prometheus(cloud.prometheus(organizationId, null, filteredMetrics));
    }

    @GetMapping(SERVICE + "/prometheus")
    ResponseEntity<byte[]> instancePrometheusGet(@PathVariable String organizationId, @PathVariable String serviceId,
            @RequestParam(name = "filtered_metrics", required = false) String filteredMetrics) {
        return wire.prometheus(cloud.prometheus(organizationId, serviceId, filteredMetrics));
    }

    /** Any other path (or method) under {@code /sandbox}: not part of the API. */
    @RequestMapping("/sandbox/**")
    ResponseEntity<byte[]> unknown(HttpServletRequest request) {
        return wire.error(request, SandboxApiException.notFound("No such API operation: " + request.getMethod() + " "
                + request.getRequestURI().substring(request.getContextPath().length())));
    }
}
