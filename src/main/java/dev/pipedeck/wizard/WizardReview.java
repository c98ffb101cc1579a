package dev.pipedeck.wizard;

import java.util.Map;

import dev.pipedeck.audit.SecretMasking;
import dev.pipedeck.cloud.clickpipe.ClickPipePostRequest;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The review step: either the first step that is still wrong, or the exact body Create will send — as JSON with every
 * secret masked, and as a curl command for Pipedeck's own {@code /api/v1} with a token placeholder.
 */
public record WizardReview(WizardDraft draft, int invalidStep, Map<String, String> errors, String maskedJson) {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    static WizardReview incomplete(WizardDraft draft, int step, Map<String, String> errors) {
        return new WizardReview(draft, step, errors, null);
    }

    static WizardReview of(WizardDraft draft, ClickPipePostRequest body) {
        String masked = SecretMasking.maskedJson(body, draft.values().secrets().values());
        return new WizardReview(draft, 0, Map.of(), JSON.writeValueAsString(JSON.readTree(masked)));
    }

    public boolean complete() {
        return invalidStep == 0;
    }

    /**
     * The request as a script would send it through Pipedeck ({@code apiBase} is this Pipedeck's {@code /api/v1}):
     * a Pipedeck API token instead of an organization key, and the masked secrets to fill in.
     */
    public String curl(String apiBase) {
        return "curl -u \"$TOKEN_ID:$TOKEN_SECRET\" -X POST -H \"Content-Type: application/json\" \\\n"
                + "  \"" + apiBase + "/organizations/" + draft.organizationId() + "/services/" + draft.serviceId()
                + "/clickpipes\" \\\n  --data-binary @- <<'JSON'\n" + maskedJson + "\nJSON";
    }
}
