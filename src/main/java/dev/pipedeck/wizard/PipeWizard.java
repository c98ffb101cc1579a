package dev.pipedeck.wizard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

import dev.pipedeck.audit.AuditEntry;
import dev.pipedeck.audit.AuditResult;
import dev.pipedeck.cloud.ClickHouseCloudClient;
import dev.pipedeck.cloud.CloudProblem;
import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipePostRequest;
import dev.pipedeck.cloud.clickpipe.ClickPipeSchemaDiscoveryField;
import dev.pipedeck.cloud.clickpipe.ClickPipeSchemaDiscoveryRequest;
import dev.pipedeck.cloud.clickpipe.ClickPipeSchemaDiscoveryResponse;
import dev.pipedeck.cloud.clickpipe.ClickPipeSchemaDiscoverySource;
import dev.pipedeck.pipes.AuditedCloudCalls;
import dev.pipedeck.pipes.ChangeOutcome;
import dev.pipedeck.pipes.PipeRef;
import dev.pipedeck.pipes.ServiceRef;

/**
 * Creating a pipe through a guided form: a draft per user kept on the server (secrets encrypted), each step checked
 * against the spec's rules before the next, a review of the exact body, and one create call however often Create is
 * clicked — audited with the body redacted. OPERATOR and ADMIN only.
 */
@Service
public class PipeWizard {

    private static final Duration CALL_LIMIT = Duration.ofSeconds(90);

    private final List<SourceWizard> wizards;
    private final WizardDrafts drafts;
    private final AuditedCloudCalls calls;
    private final ClickHouseCloudClient cloud;

    public PipeWizard(List<SourceWizard> wizards, WizardDrafts drafts, AuditedCloudCalls calls,
            ClickHouseCloudClient cloud) {
        this.wizards = List.copyOf(wizards);
        this.drafts = drafts;
        this.calls = calls;
        this.cloud = cloud;
    }

    /** The start page's tiles: every source kind and type the spec lists. */
    @PreAuthorize("hasRole('OPERATOR')")
    public List<SourceTile> tiles() {
        List<SourceTile> tiles = new ArrayList<>();
        wizards.forEach(wizard -> tiles.addAll(wizard.tiles()));
        return tiles;
    }

    /** The service's name for breadcrumbs (from the read cache; its id when it cannot be read). */
    @PreAuthorize("hasRole('OPERATOR')")
    public String serviceName(ServiceRef service) {
        String name = calls.target(service).serviceName();
        return name != null ? name : service.serviceId();
    }

    /** What the draft creates, as its tile says it ("Confluent Cloud", "Amazon S3", "Postgres CDC"). */
    @PreAuthorize("hasRole('OPERATOR')")
    public String sourceLabel(WizardDraft draft) {
        return wizard(draft.kind()).tiles().stream()
                .filter(tile -> java.util.Objects.equals(tile.type(), draft.type())).map(SourceTile::label)
                .findFirst().orElse(draft.kind());
    }

    /** Starts a draft for one tile. */
    @PreAuthorize("hasRole('OPERATOR')")
    public WizardDraft start(ServiceRef service, String kind, String type) {
        SourceWizard wizard = wizard(kind);
        boolean offered = wizard.tiles().stream().anyMatch(tile -> java.util.Objects.equals(tile.type(), type));
        if (!offered) {
            throw new IllegalArgumentException("No " + kind + " wizard for type " + type);
        }
        calls.organization(service.organizationId()); // an unknown organization answers 404 before a draft exists
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("destination.database", "default");
        if (wizard.replicatesTables()) {
            List<String> parts = DatabaseDestination.parts(wizard, type);
            if (!parts.isEmpty()) {
                defaults.put(DatabaseDestination.PREFIX + ".0." + parts.get(0), "");
            }
        } else {
            defaults.putAll(Map.of(StreamingDestination.MANAGED, "true", StreamingDestination.ENGINE, "MergeTree",
                    "columns.0.name", ""));
        }
        return drafts.create(owner(), service.organizationId(), service.serviceId(), kind, type, defaults);
    }

    /** A draft pre-filled from an existing pipe (never its secrets): "Duplicate". */
    @PreAuthorize("hasRole('OPERATOR')")
    public WizardDraft duplicate(PipeRef pipe) {
        ClickPipe existing = cloud.clickPipeGet(calls.connection(pipe.organizationId()), pipe.serviceId(),
                pipe.pipeId()).block(CALL_LIMIT);
        String kind = existing.source() == null ? null : existing.source().kind();
        SourceWizard wizard = wizards.stream().filter(w -> w.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Pipes of kind " + kind + " have no wizard yet"));
        Map<String, String> values = new LinkedHashMap<>(StreamingDestination.prefill(existing));
        values.putAll(wizard.prefill(existing));
        values.put("name", "Copy of " + existing.name());
        String type = values.remove("type");
        if (type == null && !wizard.tiles().isEmpty()) {
            type = wizard.tiles().get(0).type();
        }
        return drafts.create(owner(), pipe.organizationId(), pipe.serviceId(), kind, type, values);
    }

    @PreAuthorize("hasRole('OPERATOR')")
    public WizardDraft draft(String id) {
        return drafts.find(id, owner()).orElseThrow(() -> new WizardDraftNotFoundException(id));
    }

    /** The five steps of this draft's wizard, with their fields. */
    @PreAuthorize("hasRole('OPERATOR')")
    public List<WizardStep> steps(WizardDraft draft) {
        return steps(draft.kind(), draft.type());
    }

    private List<WizardStep> steps(String kind, String type) {
        SourceWizard wizard = wizard(kind);
        List<WizardField> connection = new ArrayList<>();
        connection.add(WizardField.named("name", "Pipe name", FieldType.TEXT).required()
                .help("How the pipe is listed, e.g. \"orders from Kafka\".").build());
        connection.addAll(wizard.connectionFields(type));
        return List.of(
                new WizardStep(WizardStep.CONNECTION, "Connection", "Where the data lives and how to reach it.",
                        connection),
                new WizardStep(WizardStep.DATA, "Data", "What to read and how it is encoded.",
                        wizard.dataFields(type)),
                wizard.replicatesTables()
                        ? new WizardStep(WizardStep.DESTINATION, "Destination",
                                "The ClickHouse database, and which tables go there.",
                                DatabaseDestination.destinationFields())
                        : new WizardStep(WizardStep.DESTINATION, "Destination", "The ClickHouse table the pipe writes to.",
                                StreamingDestination.destinationFields()),
                wizard.replicatesTables()
                        ? new WizardStep(WizardStep.SCALING, "Settings", "Optional: leave empty for the defaults. "
                                + "Compute is the service's CDC capacity, shared by its database pipes.",
                                DatabaseDestination.settingsFields(kind))
                        : StreamingDestination.sizedByReplicas(kind)
                                ? new WizardStep(WizardStep.SCALING, "Scaling and settings",
                                        "Optional: leave empty for ClickPipes' defaults.",
                                        StreamingDestination.scalingFields(kind))
                                : new WizardStep(WizardStep.SCALING, "Settings", "Optional: leave empty for ClickPipes'"
                                        + " defaults. The pipe's size follows the ClickHouse service's when it is created.",
                                        StreamingDestination.scalingFields(kind)),
                new WizardStep(WizardStep.REVIEW, "Review", "Check the request, then create the pipe.", List.of()));
    }

    /** The fields of one table mapping row, for kinds that replicate tables (empty for the others). */
    @PreAuthorize("hasRole('OPERATOR')")
    public List<WizardField> tableMappingFields(WizardDraft draft) {
        SourceWizard source = wizard(draft.kind());
        return source.replicatesTables() ? source.tableMappingFields(draft.type()) : List.of();
    }

    /**
     * Saves what was posted for a step (always: nothing typed is lost), then: {@code back} goes to the previous step
     * unchecked; {@code next} checks the step and moves on only when it is right; {@code stay} checks and stays (the
     * columns editor's buttons); {@code discover} samples the source and fills the columns.
     */
    @PreAuthorize("hasRole('OPERATOR')")
    public StepOutcome submit(String id, int step, Map<String, String> posted, Map<String, String> secrets,
            StepAction action) {
        WizardDraft draft = draft(id);
        WizardStep current = steps(draft).get(step - 1);
        Map<String, String> changes = new LinkedHashMap<>();
        for (WizardField field : current.fields()) {
            if (!field.secret()) {
                changes.put(field.name(), field.type() == FieldType.CHECKBOX
                        ? ("true".equals(posted.get(field.name())) ? "true" : null) : posted.get(field.name()));
            }
        }
        if (step == WizardStep.DESTINATION) {
            SourceWizard source = wizard(draft.kind());
            changes.putAll(source.replicatesTables()
                    ? RowEditor.edited(DatabaseDestination.PREFIX, DatabaseDestination.parts(source, draft.type()),
                            draft.values(), posted, action)
                    : RowEditor.edited("columns", StreamingDestination.COLUMN_PARTS, draft.values(), posted, action));
        }
        Map<String, String> secretChanges = new LinkedHashMap<>();
        for (WizardField field : current.fields()) {
            if (field.secret() && secrets.get(field.name()) != null && !secrets.get(field.name()).isBlank()) {
                secretChanges.put(field.name(), secrets.get(field.name()));
            }
        }
        wizard(draft.kind()).separateSecrets(step, draft.type(), changes, secretChanges);
        int reached = Math.max(draft.step(), step);
        WizardDraft saved = drafts.save(id, owner(), reached, changes, secretChanges);
        if (action.kind() == StepAction.Kind.BACK) {
            return new StepOutcome(saved, Math.max(1, step - 1), Map.of(), null, null);
        }
        if (action.kind() == StepAction.Kind.GOTO && action.row() >= 1 && action.row() < step) {
            return new StepOutcome(saved, action.row(), Map.of(), null, null);
        }
        if (action.kind() == StepAction.Kind.DISCOVER) {
            return discover(saved, step);
        }
        Map<String, String> errors = errors(saved, step);
        boolean forward = action.kind() == StepAction.Kind.NEXT
                || (action.kind() == StepAction.Kind.GOTO && action.row() > step);
        if (forward && errors.isEmpty()) {
            int target = action.kind() == StepAction.Kind.NEXT ? step + 1
                    : Math.min(action.row(), Math.max(reached, step + 1));
            WizardDraft advanced = drafts.save(id, owner(), Math.max(reached, target), Map.of(), Map.of());
            return new StepOutcome(advanced, target, Map.of(), null, null);
        }
        return new StepOutcome(saved, step, forward ? errors : Map.of(), null, null);
    }

    /** Checks one field as the user leaves it (HTMX), with the step's other fields as typed: its message, or null. */
    @PreAuthorize("hasRole('OPERATOR')")
    public String fieldError(String id, int step, String name, String value, Map<String, String> others) {
        WizardDraft draft = draft(id);
        if (step < WizardStep.CONNECTION || step >= WizardStep.REVIEW) {
            return null;
        }
        WizardStep current = steps(draft).get(step - 1);
        Optional<WizardField> field = current.fields().stream().filter(f -> f.name().equals(name)).findFirst();
        if (field.isEmpty()) {
            return null;
        }
        Map<String, String> typed = new LinkedHashMap<>();
        for (WizardField f : current.fields()) {
            if (!f.secret() && others.containsKey(f.name())) {
                typed.put(f.name(), others.get(f.name()));
            }
        }
        Map<String, String> typedSecrets = new LinkedHashMap<>();
        if (field.get().secret()) {
            if (value != null && !value.isBlank()) {
                typedSecrets.put(name, value);
            }
        } else {
            typed.put(name, value);
        }
        return errors(draft.kind(), draft.type(), draft.values().with(typed, typedSecrets), step).get(name);
    }

    /** Drops one stored secret (the user wants to type it again or leave it out). */
    @PreAuthorize("hasRole('OPERATOR')")
    public WizardDraft forgetSecret(String id, String name) {
        draft(id);
        return drafts.forgetSecret(id, owner(), name);
    }

    /** The request Create will send, checked: the first step that is wrong, or the body. */
    @PreAuthorize("hasRole('OPERATOR')")
    public WizardReview review(String id) {
        WizardDraft draft = draft(id);
        for (int step = WizardStep.CONNECTION; step < WizardStep.REVIEW; step++) {
            Map<String, String> errors = errors(draft, step);
            if (!errors.isEmpty()) {
                return WizardReview.incomplete(draft, step, errors);
            }
        }
        return WizardReview.of(draft, body(draft));
    }

    /** Creates the pipe once: a second click while the first is under way sends nothing. */
    @PreAuthorize("hasRole('OPERATOR')")
    public CreateOutcome create(String id) {
        WizardDraft draft = draft(id);
        if (draft.status() == WizardDraft.DraftStatus.CREATED) {
            return CreateOutcome.underWay(draft.createdPipeId());
        }
        WizardReview review = review(id);
        if (!review.complete()) {
            return CreateOutcome.invalid(review.invalidStep(), review.errors());
        }
        if (!drafts.claimForCreate(id, owner())) {
            return CreateOutcome.underWay(draft(id).createdPipeId());
        }
        ClickPipePostRequest body = body(draft);
        ServiceRef service = new ServiceRef(draft.organizationId(), draft.serviceId());
        AuditEntry entry = AuditEntry.of("pipe.create")
                .target(calls.target(service).withPipe(null, body.name()))
                .request(body)
                .secretValues(draft.values().secrets().values())
                .build();
        ChangeOutcome<ClickPipe> outcome;
        try {
            outcome = calls.call(entry,
                    connection -> cloud.clickPipeCreate(connection, draft.serviceId(), body),
                    created -> AuditResult.success().withChange(null,
                            Map.of("id", created.id(), "name", String.valueOf(created.name()))));
        } catch (RuntimeException e) {
            drafts.releaseClaim(id, owner());
            throw e;
        }
        if (!outcome.succeeded()) {
            drafts.releaseClaim(id, owner());
            return CreateOutcome.refused(outcome.problem());
        }
        drafts.markCreated(id, owner(), outcome.value().id());
        return CreateOutcome.created(outcome.value().id());
    }

    /** Cancels the draft: it and its secrets are deleted. */
    @PreAuthorize("hasRole('OPERATOR')")
    public void discard(String id) {
        draft(id);
        drafts.discard(id, owner());
    }

    private StepOutcome discover(WizardDraft draft, int step) {
        SourceWizard wizard = wizard(draft.kind());
        Map<String, String> sourceErrors = new LinkedHashMap<>(errors(draft, WizardStep.CONNECTION));
        sourceErrors.putAll(errors(draft, WizardStep.DATA));
        if (!sourceErrors.isEmpty()) {
            return new StepOutcome(draft, step, step == WizardStep.DATA ? errors(draft, WizardStep.DATA) : Map.of(),
                    "Fill in the connection and data steps first: discovery samples the source with them.", null);
        }
        ClickPipeSchemaDiscoverySource source = wizard.discoverySource(draft.type(), draft.values());
        if (source == null) {
            return new StepOutcome(draft, step, Map.of(), "This kind of source cannot be sampled: add the columns "
                    + "by hand on the destination step.", null);
        }
        try {
            ClickPipeSchemaDiscoveryResponse answer = cloud.clickPipeSchemaDiscovery(
                    calls.connection(draft.organizationId()), draft.serviceId(),
                    new ClickPipeSchemaDiscoveryRequest(source)).block(CALL_LIMIT);
            List<ClickPipeSchemaDiscoveryField> fields = answer == null || answer.fields() == null ? List.of()
                    : answer.fields();
            if (fields.isEmpty()) {
                return new StepOutcome(draft, step, Map.of(), "The source answered no fields (is the topic or stream "
                        + "empty?): add the columns by hand on the destination step.", null);
            }
            WizardDraft filled = drafts.save(draft.id(), owner(), draft.step(), StreamingDestination.discovered(
                    draft.values(), fields), Map.of());
            return new StepOutcome(filled, step, Map.of(), "Discovered " + fields.size()
                    + " columns from the source: check them on the destination step.", null);
        } catch (RuntimeException e) {
            return new StepOutcome(draft, step, Map.of(), "Schema discovery did not work; you can go on and add the "
                    + "columns by hand.", CloudProblem.of(e));
        }
    }

    private Map<String, String> errors(WizardDraft draft, int step) {
        return errors(draft.kind(), draft.type(), draft.values(), step);
    }

    private Map<String, String> errors(String kind, String type, WizardValues values, int step) {
        if (step >= WizardStep.REVIEW) {
            return Map.of();
        }
        WizardStep current = steps(kind, type).get(step - 1);
        Map<String, String> errors = new LinkedHashMap<>(FieldValidation.errors(current.fields(), values));
        if (step == WizardStep.CONNECTION || step == WizardStep.DATA) {
            wizard(kind).crossFieldErrors(step, type, values).forEach(errors::putIfAbsent);
        }
        if (step == WizardStep.DESTINATION) {
            (wizard(kind).replicatesTables() ? DatabaseDestination.errors(wizard(kind), type, values)
                    : StreamingDestination.destinationErrors(values)).forEach(errors::putIfAbsent);
        }
        return errors;
    }

    private ClickPipePostRequest body(WizardDraft draft) {
        WizardValues values = draft.values();
        if (wizard(draft.kind()).replicatesTables()) {
            return new ClickPipePostRequest(values.get("name"), wizard(draft.kind()).source(draft.type(), values),
                    DatabaseDestination.destination(values), null, null,
                    StreamingDestination.settings(draft.kind(), values));
        }
        return new ClickPipePostRequest(values.get("name"),
                wizard(draft.kind()).source(draft.type(), values),
                StreamingDestination.destination(values),
                StreamingDestination.fieldMappings(values),
                StreamingDestination.scaling(draft.kind(), values),
                StreamingDestination.settings(draft.kind(), values));
    }

    private SourceWizard wizard(String kind) {
        return wizards.stream().filter(w -> w.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No wizard for source kind " + kind));
    }

    private static String owner() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }
}
