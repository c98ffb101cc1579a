package dev.pipedeck.pipes;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.pipedeck.orgs.UnknownOrganizationException;

/**
 * {@code /api/v1/...}: the ClickHouse Cloud API's ClickPipes paths with the same methods, bodies and envelopes, for
 * scripts holding a Pipedeck token instead of an organization key. Security (HTTP Basic, roles) is the API filter
 * chain's; everything else is {@link ClickPipesProxy}'s.
 */
@RestController
@RequestMapping("/api/v1")
class ClickPipesProxyController {

    private static final String PREFIX = "/api/v1";

    private final ClickPipesProxy proxy;

    ClickPipesProxyController(ClickPipesProxy proxy) {
        this.proxy = proxy;
    }

    @RequestMapping("/**")
    ResponseEntity<byte[]> forward(HttpServletRequest request, @RequestBody(required = false) byte[] body) {
        String path = request.getRequestURI().substring(request.getContextPath().length() + PREFIX.length());
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        HttpMethod method = HttpMethod.valueOf(request.getMethod());
        Optional<String> organizationLevelCdc = ProxyRoute.organizationLevelCdcScaling(path);
        ProxyAnswer answer;
        if (path.equals("/organizations") || path.equals("/organizations/")) {
            answer = HttpMethod.GET.equals(method) ? proxy.organizations() : proxy.notMirrored(method, path);
        } else if (organizationLevelCdc.isPresent()) {
            answer = proxy.organizationLevelCdcScaling(organizationLevelCdc.get());
        } else if (HttpMethod.GET.equals(method)) {
            answer = proxy.read(path, query, "no-cache".equalsIgnoreCase(request.getHeader(HttpHeaders.CACHE_CONTROL)));
        } else {
            answer = proxy.change(method, path, query, body);
        }
        return toResponse(answer);
    }

    @ExceptionHandler(UnknownOrganizationException.class)
    ResponseEntity<byte[]> unknownOrganization(UnknownOrganizationException e) {
        return toResponse(proxy.unknownOrganization(e));
    }

    private static ResponseEntity<byte[]> toResponse(ProxyAnswer answer) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status());
        if (answer.contentType() != null) {
            response.header(HttpHeaders.CONTENT_TYPE, answer.contentType());
        }
        if (answer.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, answer.retryAfter().toSeconds())));
        }
        return response.body(answer.body());
    }
}
