package dev.pipedeck.wizard;

import static dev.pipedeck.wizard.DatabaseSourceForm.CDC_ONLY;
import static dev.pipedeck.wizard.DatabaseSourceForm.CHANGE_MODES;
import static dev.pipedeck.wizard.DatabaseSourceForm.MODE;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipePostSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePostgresPipeSettings;
import dev.pipedeck.cloud.clickpipe.ClickPipePostgresPipeTableMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipePostgresSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeSchemaDiscoverySource;
import dev.pipedeck.wizard.DatabaseSourceForm.Engine;
import dev.pipedeck.wizard.DatabaseSourceForm.Flavour;
import dev.pipedeck.wizard.DatabaseSourceParts.Mapping;
import dev.pipedeck.wizard.DatabaseSourceParts.Server;
import dev.pipedeck.wizard.DatabaseSourceParts.SharedSettings;

/**
 * The Postgres CDC wizard: one tile per flavour of the spec ({@code ClickPipeMutatePostgresSource.type}). Step 1: the
 * server, database, sign-in (a password, or an IAM role for RDS and Aurora) and TLS. Step 2: the replication mode
 * and the settings that apply to it ({@code ClickPipePostgresPipeSettings}); a replication slot only with cdc_only.
 * Step 3's rows are {@code ClickPipePostgresPipeTableMapping}s.
 */
@Component
public class PostgresWizard implements SourceWizard {

    static final String KIND = "postgres";

    static final Engine ENGINE = new Engine("Postgres", 5432, 63, true, "schema", "public");

    static final List<Flavour> FLAVOURS = List.of(
            new Flavour("postgres", "Postgres", "Any PostgreSQL server, self-hosted or hosted elsewhere.",
                    "postgres.example.com", false),
            new Flavour("supabase", "Supabase", "A Supabase project's Postgres database.",
                    "db.abcdefghijklmnopqrst.supabase.co", false),
            new Flavour("neon", "Neon", "A Neon serverless Postgres branch.",
                    "ep-cool-darkness-123456.us-east-2.aws.neon.tech", false),
            new Flavour("alloydb", "AlloyDB", "Google Cloud AlloyDB for PostgreSQL.", "10.0.0.12", false),
            new Flavour("planetscale", "PlanetScale Postgres", "A PlanetScale Postgres database.",
                    "postgres.example.com", false),
            new Flavour("rdspostgres", "Amazon RDS Postgres", "Amazon RDS for PostgreSQL.",
                    "mydb.abc123xyz.us-east-1.rds.amazonaws.com", true),
            new Flavour("aurorapostgres", "Amazon Aurora Postgres", "Amazon Aurora PostgreSQL: connect to the "
                    + "cluster's writer endpoint.", "mycluster.cluster-abc123xyz.us-east-1.rds.amazonaws.com", true),
            new Flavour("cloudsqlpostgres", "Cloud SQL for Postgres", "Google Cloud SQL for PostgreSQL.",
                    "34.123.45.67", false),
            new Flavour("azurepostgres", "Azure Postgres", "Azure Database for PostgreSQL flexible server.",
                    "myserver.postgres.database.azure.com", false),
            new Flavour("crunchybridge", "Crunchy Bridge", "A Crunchy Bridge Postgres cluster.",
                    "p.abcdefghijklmnopqrstuvwxyz.db.postgresbridge.com", false),
            new Flavour("tigerdata", "Tiger Data", "A Tiger Data (formerly Timescale) Postgres service.",
                    "abc123xyz.def456.tsdb.cloud.timescale.com", false));

    /** Replication slot names: lower-case letters, digits and underscores (Postgres' own rule), up to 63. */
    private static final Pattern SLOT_NAME = Pattern.compile("[a-z0-9_]{1,63}");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<SourceTile> tiles() {
        return FLAVOURS.stream().map(f -> new SourceTile("Databases", f.label(), KIND, f.type(),
                f.description())).toList();
    }

    @Override
    public List<WizardField> connectionFields(String type) {
        Flavour flavour = DatabaseSourceForm.flavour(FLAVOURS, type);
        List<WizardField> fields = new ArrayList<>(DatabaseSourceForm.serverFields(ENGINE, flavour));
        fields.add(WizardField.named("database", "Database", FieldType.TEXT).required().placeholder("postgres")
                .help("The database to replicate from; its tables are picked on the Destination step.").build());
        fields.addAll(DatabaseSourceForm.signInAndTlsFields(ENGINE, flavour));
        return List.copyOf(fields);
    }

    @Override
    public List<WizardField> dataFields(String type) {
        DatabaseSourceForm.flavour(FLAVOURS, type);
        List<WizardField> fields = new ArrayList<>();
        fields.add(DatabaseSourceForm.modeField());
        fields.add(WizardField.named("settings.publicationName", "Publication", FieldType.TEXT)
                .shownWhen(MODE, CHANGE_MODES).placeholder("clickpipes_publication")
                .help("An existing publication holding the tables. Empty: ClickPipes creates one.").build());
        fields.add(WizardField.named("settings.replicationSlotName", "Replication slot", FieldType.TEXT)
                .shownWhen(MODE, CDC_ONLY).placeholder("clickpipes_slot")
                .help("Only with cdc_only: an existing logical replication slot to read changes from. Empty: "
                        + "ClickPipes creates one (in cdc mode it always does).")
                .build());
        fields.add(WizardField.named("settings.enableFailoverSlots", "Failover slot", FieldType.CHECKBOX)
                .shownWhen(MODE, CHANGE_MODES)
                .help("Postgres 17 and newer: the slot ClickPipes creates survives a failover to a standby. Not "
                        + "with a replication slot of your own.")
                .build());
        fields.addAll(DatabaseSourceForm.sharedSettingFields(ENGINE));
        return List.copyOf(fields);
    }

    @Override
    public Map<String, String> crossFieldErrors(int step, String type, WizardValues values) {
        Flavour flavour = DatabaseSourceForm.flavour(FLAVOURS, type);
        Map<String, String> errors = new LinkedHashMap<>();
        if (step == WizardStep.CONNECTION) {
            DatabaseSourceForm.connectionErrors(flavour, values, errors);
            String database = values.get("database");
            if (database != null && database.getBytes(StandardCharsets.UTF_8).length > 63) {
                errors.put("database", "A Postgres database name is at most 63 bytes.");
            }
        } else if (step == WizardStep.DATA) {
            String mode = values.get(MODE);
            String slot = values.get("settings.replicationSlotName");
            if (slot != null && mode != null && !CDC_ONLY.equals(mode)) {
                errors.put("settings.replicationSlotName", "A replication slot of your own only goes with cdc_only "
                        + "(in " + mode + " mode ClickPipes creates the slot): clear it, or choose cdc_only.");
            } else if (slot != null && !SLOT_NAME.matcher(slot).matches()) {
                errors.put("settings.replicationSlotName", "A replication slot name is lower-case letters, digits "
                        + "and underscores, up to 63 of them.");
            } else if (slot != null && values.isOn("settings.enableFailoverSlots")) {
                errors.put("settings.enableFailoverSlots", "Failover applies to a slot ClickPipes creates: with a "
                        + "replication slot of your own, untick this (or clear the slot).");
            }
            String publication = values.get("settings.publicationName");
            if (publication != null && DatabaseSourceForm.applies(mode, CHANGE_MODES)
                    && publication.getBytes(StandardCharsets.UTF_8).length > 63) {
                errors.put("settings.publicationName", "A publication name is at most 63 bytes.");
            }
        }
        return errors;
    }

    @Override
    public ClickPipePostSource source(String type, WizardValues values) {
        Flavour flavour = DatabaseSourceForm.flavour(FLAVOURS, type);
        String method = DatabaseSourceParts.authentication(flavour, values);
        ClickPipePostgresSource.Builder postgres = ClickPipePostgresSource.builder()
                .type(flavour.type())
                .host(values.get("host"))
                .port(Integer.valueOf(values.get("port")))
                .database(values.get("database"))
                .authentication(method)
                .credentials(DatabaseSourceForm.credentials(method, values))
                .tlsHost(values.get("tlsHost"))
                .caCertificate(values.get("caCertificate"))
                .disableTls(values.isOn("disableTls") ? Boolean.TRUE : null)
                .skipCertVerification(values.isOn("skipCertVerification") ? Boolean.TRUE : null)
                .settings(settings(values))
                .tableMappings(tableMappings(values));
        if (DatabaseSourceForm.IAM_ROLE.equals(method)) {
            postgres.iamRole(values.get("iamRole"));
        }
        return ClickPipePostSource.postgres(postgres.build());
    }

    private static ClickPipePostgresPipeSettings settings(WizardValues values) {
        SharedSettings shared = SharedSettings.of(values);
        String mode = shared.replicationMode();
        return ClickPipePostgresPipeSettings.builder()
                .replicationMode(mode)
                .publicationName(DatabaseSourceForm.textIn(values, "settings.publicationName", mode, CHANGE_MODES))
                .replicationSlotName(DatabaseSourceForm.textIn(values, "settings.replicationSlotName", mode,
                        new String[] {CDC_ONLY}))
                .enableFailoverSlots(DatabaseSourceForm.onIn(values, "settings.enableFailoverSlots", mode,
                        CHANGE_MODES))
                .syncIntervalSeconds(shared.syncIntervalSeconds())
                .pullBatchSize(shared.pullBatchSize())
                .initialLoadParallelism(shared.initialLoadParallelism())
                .snapshotNumRowsPerPartition(shared.snapshotNumRowsPerPartition())
                .snapshotNumberOfParallelTables(shared.snapshotNumberOfParallelTables())
                .allowNullableColumns(shared.allowNullableColumns())
                .deleteOnMerge(shared.deleteOnMerge())
                .build();
    }

    private List<ClickPipePostgresPipeTableMapping> tableMappings(WizardValues values) {
        return DatabaseSourceForm.rows(tableMappingFields(null), values).stream().map(Mapping::of)
                .map(m -> new ClickPipePostgresPipeTableMapping(m.sourceSchemaName(), m.sourceTable(),
                        m.targetTable(), m.excludedColumns(), m.useCustomSortingKey(), m.sortingKeys(),
                        m.tableEngine(), m.partitionKey(), m.partitionByExpr()))
                .toList();
    }

    /** Postgres tables cannot be sampled for a column list: the tables themselves are replicated. */
    @Override
    public ClickPipeSchemaDiscoverySource discoverySource(String type, WizardValues values) {
        return null;
    }

    @Override
    public Map<String, String> prefill(ClickPipe pipe) {
        Map<String, String> values = new LinkedHashMap<>();
        ClickPipePostgresSource postgres = pipe.source() == null ? null : pipe.source().postgres();
        if (postgres == null) {
            return values;
        }
        values.put("type", postgres.type() == null ? "postgres" : postgres.type());
        new Server(postgres.host(), postgres.port(), postgres.authentication(), postgres.iamRole(),
                postgres.tlsHost(), postgres.caCertificate(), postgres.disableTls(),
                postgres.skipCertVerification()).prefill(values);
        DatabaseSourceForm.put(values, "database", postgres.database());
        ClickPipePostgresPipeSettings settings = postgres.settings();
        if (settings != null) {
            new SharedSettings(settings.replicationMode(), settings.syncIntervalSeconds(), settings.pullBatchSize(),
                    settings.initialLoadParallelism(), settings.snapshotNumRowsPerPartition(),
                    settings.snapshotNumberOfParallelTables(), settings.allowNullableColumns(),
                    settings.deleteOnMerge()).prefill(values);
            DatabaseSourceForm.put(values, "settings.publicationName", settings.publicationName());
            // Not the replication slot: a slot feeds one reader, so the copy would take the original's changes.
            DatabaseSourceForm.putOn(values, "settings.enableFailoverSlots", settings.enableFailoverSlots());
        }
        Mapping.prefillAll(values, (postgres.tableMappings() == null ? List.<ClickPipePostgresPipeTableMapping>of()
                : postgres.tableMappings()).stream()
                .map(m -> new Mapping(m.sourceSchemaName(), m.sourceTable(), m.targetTable(), m.excludedColumns(),
                        m.useCustomSortingKey(), m.sortingKeys(), m.tableEngine(), m.partitionKey(),
                        m.partitionByExpr()))
                .toList());
        return values;
    }

    @Override
    public boolean replicatesTables() {
        return true;
    }

    @Override
    public List<WizardField> tableMappingFields(String type) {
        return DatabaseSourceForm.rowFields(ENGINE, true);
    }

    @Override
    public Map<String, String> tableMappingErrors(String type, WizardValues values) {
        return DatabaseSourceForm.rowErrors(ENGINE, tableMappingFields(type), values);
    }
}
