package dev.pipedeck.pipes;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpMethod;

/**
 * What a {@code /api/v1} path means: which organization, service and pipe it touches, whether Pipedeck forwards it,
 * and the audit action of a change (e.g. {@code pipe.state.stop}). Only the ClickPipes part of the API is mirrored.
 */
record ProxyRoute(String organizationId, String serviceId, String pipeId, String action) {

    private static final String ID = "([A-Za-z0-9._~-]+)";
    private static final Pattern SERVICES = Pattern.compile("/organizations/" + ID + "/services");
    private static final Pattern SERVICE_SCOPED = Pattern.compile(
            "/organizations/" + ID + "/services/" + ID + "/(clickpipes|clickpipesCdcScaling|clickpipesReversePrivateEndpoints)(/.*)?");
    private static final Pattern PIPE = Pattern.compile("/" + ID + "(/(settings|scaling|state))?");
    private static final Pattern ENDPOINT = Pattern.compile("/" + ID);
    private static final Pattern ORG_CDC_SCALING = Pattern.compile("/organizations/" + ID + "/clickpipes/cdcScaling/?");

    /** The route, or empty when the path is outside what Pipedeck mirrors. */
    static Optional<ProxyRoute> of(HttpMethod method, String path) {
        Matcher services = SERVICES.matcher(path);
        if (services.matches()) {
            return HttpMethod.GET.equals(method) ? Optional.of(new ProxyRoute(services.group(1), null, null, null))
                    : Optional.empty();
        }
        Matcher scoped = SERVICE_SCOPED.matcher(path);
        if (!scoped.matches()) {
            return Optional.empty();
        }
        String organization = scoped.group(1);
        String service = scoped.group(2);
        String collection = scoped.group(3);
        String rest = scoped.group(4) == null ? "" : scoped.group(4);
        boolean read = HttpMethod.GET.equals(method);
        switch (collection) {
            case "clickpipesCdcScaling" -> {
                if (!rest.isEmpty() || !(read || HttpMethod.PATCH.equals(method))) {
                    return Optional.empty();
                }
                return Optional.of(new ProxyRoute(organization, service, null, read ? null : "cdc.scaling.update"));
            }
            case "clickpipesReversePrivateEndpoints" -> {
                if (rest.isEmpty()) {
                    return read || HttpMethod.POST.equals(method)
                            ? Optional.of(new ProxyRoute(organization, service, null, read ? null : "rpe.create"))
                            : Optional.empty();
                }
                Matcher endpoint = ENDPOINT.matcher(rest);
                if (!endpoint.matches()) {
                    return Optional.empty();
                }
                String action = read ? null : HttpMethod.PATCH.equals(method) ? "rpe.update"
                        : HttpMethod.DELETE.equals(method) ? "rpe.delete" : "";
                return "".equals(action) ? Optional.empty()
                        : Optional.of(new ProxyRoute(organization, service, endpoint.group(1), action));
            }
            default -> {
                return pipeRoute(method, organization, service, rest);
            }
        }
    }

    private static Optional<ProxyRoute> pipeRoute(HttpMethod method, String organization, String service, String rest) {
        boolean read = HttpMethod.GET.equals(method);
        if (rest.isEmpty()) {
            return read || HttpMethod.POST.equals(method)
                    ? Optional.of(new ProxyRoute(organization, service, null, read ? null : "pipe.create"))
                    : Optional.empty();
        }
        if (rest.equals("/schemaDiscovery")) {
            return HttpMethod.POST.equals(method)
                    ? Optional.of(new ProxyRoute(organization, service, null, "pipe.schema.discover"))
                    : Optional.empty();
        }
        Matcher pipe = PIPE.matcher(rest);
        if (!pipe.matches()) {
            return Optional.empty();
        }
        String pipeId = pipe.group(1);
        String sub = pipe.group(3);
        String action;
        if (sub == null) {
            action = read ? null : HttpMethod.PATCH.equals(method) ? "pipe.update"
                    : HttpMethod.DELETE.equals(method) ? "pipe.delete" : "";
        } else if (sub.equals("settings")) {
            action = read ? null : HttpMethod.PUT.equals(method) ? "pipe.settings.update" : "";
        } else if (sub.equals("scaling")) {
            action = HttpMethod.PATCH.equals(method) ? "pipe.scaling.update" : "";
        } else {
            action = HttpMethod.PATCH.equals(method) ? "pipe.state" : "";
        }
        return "".equals(action) ? Optional.empty() : Optional.of(new ProxyRoute(organization, service, pipeId, action));
    }

    /** The reference page's organization-level CDC scaling path, which the published API does not have. */
    static Optional<String> organizationLevelCdcScaling(String path) {
        Matcher matcher = ORG_CDC_SCALING.matcher(path);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    boolean isStateChange() {
        return "pipe.state".equals(action);
    }
}
