package dev.pipedeck.wizard;

import static dev.pipedeck.wizard.DatabaseSourceForm.CHANGE_MODES;
import static dev.pipedeck.wizard.DatabaseSourceForm.MODE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipeMySQLPipeSettings;
import dev.pipedeck.cloud.clickpipe.ClickPipeMySQLPipeTableMapping;
import dev.pipedeck.cloud.clickpipe.ClickPipeMySQLSource;
import dev.pipedeck.cloud.clickpipe.ClickPipePostSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeSchemaDiscoverySource;
import dev.pipedeck.wizard.DatabaseSourceForm.Engine;
import dev.pipedeck.wizard.DatabaseSourceForm.Flavour;
import dev.pipedeck.wizard.DatabaseSourceParts.Mapping;
import dev.pipedeck.wizard.DatabaseSourceParts.Server;
import dev.pipedeck.wizard.DatabaseSourceParts.SharedSettings;

/**
 * The MySQL CDC wizard, MariaDB included: one tile per flavour of the spec ({@code ClickPipeMutateMySQLSource.type}).
 * As Postgres where the spec has the same fields (host, port, sign-in, TLS, replication mode and the shared
 * settings), plus the server id ClickPipes replicates as and MySQL's own settings: the replication mechanism (GTID
 * only for MariaDB, as the spec says) and compression. A MySQL source has no database field: each table mapping
 * names its database ({@code sourceSchemaName}).
 */
@Component
public class MySqlWizard implements SourceWizard {

    static final String KIND = "mysql";

    static final Engine ENGINE = new Engine("MySQL", 3306, 64, false, "database", "mydb");

    static final List<Flavour> FLAVOURS = List.of(
            new Flavour("mysql", "MySQL", "Any MySQL server, self-hosted or hosted elsewhere.",
                    "mysql.example.com", false),
            new Flavour("rdsmysql", "Amazon RDS MySQL", "Amazon RDS for MySQL.",
                    "mydb.abc123xyz.us-east-1.rds.amazonaws.com", true),
            new Flavour("auroramysql", "Amazon Aurora MySQL", "Amazon Aurora MySQL: connect to the cluster's "
                    + "writer endpoint.", "mycluster.cluster-abc123xyz.us-east-1.rds.amazonaws.com", true),
            new Flavour("mariadb", "MariaDB", "Any MariaDB server, self-hosted or hosted elsewhere.",
                    "mariadb.example.com", false),
            new Flavour("rdsmariadb", "Amazon RDS MariaDB", "Amazon RDS for MariaDB.",
                    "mydb.abc123xyz.us-east-1.rds.amazonaws.com", true));

    /** The flavours that are MariaDB, which replicates by GTID only. */
    static final Set<String> MARIADB = Set.of("mariadb", "rdsmariadb");

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
        fields.addAll(DatabaseSourceForm.signInAndTlsFields(ENGINE, flavour));
        return List.copyOf(fields);
    }

    @Override
    public List<WizardField> dataFields(String type) {
        Flavour flavour = DatabaseSourceForm.flavour(FLAVOURS, type);
        List<FieldOption> mechanisms = new ArrayList<>();
        mechanisms.add(new FieldOption("GTID", "GTID (global transaction identifiers)"));
        if (!MARIADB.contains(flavour.type())) {
            mechanisms.add(new FieldOption("FILE_POS", "Binary log file and position (ask ClickHouse support first)"));
        }
        List<WizardField> fields = new ArrayList<>();
        fields.add(DatabaseSourceForm.modeField());
        fields.add(WizardField.named("settings.replicationMechanism", "Replication mechanism", FieldType.SELECT)
                .options(mechanisms).shownWhen(MODE, CHANGE_MODES)
                .help(MARIADB.contains(flavour.type()) ? "MariaDB replicates by GTID only. Empty: GTID."
                        : "How the binary log is followed. Empty: GTID.")
                .build());
        fields.add(WizardField.named("serverId", "Server id", FieldType.INTEGER).range(1, 4_294_967_295L)
                .shownWhen(MODE, CHANGE_MODES).placeholder("4242")
                .help("The server_id the pipe replicates as; unique among the replicas of the source. Empty: one "
                        + "is assigned.")
                .build());
        fields.add(WizardField.named("settings.useCompression", "Compress the connection", FieldType.CHECKBOX)
                .help("Compress what " + ENGINE.name() + " sends: less traffic, more CPU.").build());
        fields.addAll(DatabaseSourceForm.sharedSettingFields(ENGINE));
        return List.copyOf(fields);
    }

    @Override
    public Map<String, String> crossFieldErrors(int step, String type, WizardValues values) {
        Flavour flavour = DatabaseSourceForm.flavour(FLAVOURS, type);
        Map<String, String> errors = new LinkedHashMap<>();
        if (step == WizardStep.CONNECTION) {
            DatabaseSourceForm.connectionErrors(flavour, values, errors);
        } else if (step == WizardStep.DATA && MARIADB.contains(flavour.type())
                && "FILE_POS".equals(values.get("settings.replicationMechanism"))) {
            errors.put("settings.replicationMechanism", "MariaDB replicates by GTID only.");
        }
        return errors;
    }

    @Override
    public ClickPipePostSource source(String type, WizardValues values) {
        Flavour flavour = DatabaseSourceForm.flavour(FLAVOURS, type);
        String method = DatabaseSourceParts.authentication(flavour, values);
        String serverId = DatabaseSourceForm.textIn(values, "serverId", values.get(MODE), CHANGE_MODES);
        ClickPipeMySQLSource.Builder mysql = ClickPipeMySQLSource.builder()
                .type(flavour.type())
                .host(values.get("host"))
                .port(Integer.valueOf(values.get("port")))
                .authentication(method)
                .credentials(DatabaseSourceForm.credentials(method, values))
                .tlsHost(values.get("tlsHost"))
                .caCertificate(values.get("caCertificate"))
                .disableTls(values.isOn("disableTls") ? Boolean.TRUE : null)
                .skipCertVerification(values.isOn("skipCertVerification") ? Boolean.TRUE : null)
                .serverId(serverId == null ? null : Long.valueOf(serverId))
                .settings(settings(values))
                .tableMappings(tableMappings(values));
        if (DatabaseSourceForm.IAM_ROLE.equals(method)) {
            mysql.iamRole(values.get("iamRole"));
        }
        return ClickPipePostSource.mysql(mysql.build());
    }

    private static ClickPipeMySQLPipeSettings settings(WizardValues values) {
        SharedSettings shared = SharedSettings.of(values);
        return ClickPipeMySQLPipeSettings.builder()
                .replicationMode(shared.replicationMode())
                .replicationMechanism(DatabaseSourceForm.textIn(values, "settings.replicationMechanism",
                        shared.replicationMode(), CHANGE_MODES))
                .useCompression(DatabaseSourceForm.onIn(values, "settings.useCompression", shared.replicationMode(),
                        null))
                .syncIntervalSeconds(shared.syncIntervalSeconds())
                .pullBatchSize(shared.pullBatchSize())
                .initialLoadParallelism(shared.initialLoadParallelism())
                .snapshotNumRowsPerPartition(shared.snapshotNumRowsPerPartition())
                .snapshotNumberOfParallelTables(shared.snapshotNumberOfParallelTables())
                .allowNullableColumns(shared.allowNullableColumns())
                .deleteOnMerge(shared.deleteOnMerge())
                .build();
    }

    private List<ClickPipeMySQLPipeTableMapping> tableMappings(WizardValues values) {
        return DatabaseSourceForm.rows(tableMappingFields(null), values).stream().map(Mapping::of)
                .map(m -> new ClickPipeMySQLPipeTableMapping(m.sourceSchemaName(), m.sourceTable(), m.targetTable(),
                        m.excludedColumns(), m.useCustomSortingKey(), m.sortingKeys(), m.tableEngine(),
                        m.partitionKey()))
                .toList();
    }

    /** MySQL tables cannot be sampled for a column list: the tables themselves are replicated. */
    @Override
    public ClickPipeSchemaDiscoverySource discoverySource(String type, WizardValues values) {
        return null;
    }

    @Override
    public Map<String, String> prefill(ClickPipe pipe) {
        Map<String, String> values = new LinkedHashMap<>();
        ClickPipeMySQLSource mysql = pipe.source() == null ? null : pipe.source().mysql();
        if (mysql == null) {
            return values;
        }
        values.put("type", mysql.type() == null ? "mysql" : mysql.type());
        new Server(mysql.host(), mysql.port(), mysql.authentication(), mysql.iamRole(), mysql.tlsHost(),
                mysql.caCertificate(), mysql.disableTls(), mysql.skipCertVerification()).prefill(values);
        // Not the server id: two pipes replicating as the same server_id would push each other off the source.
        ClickPipeMySQLPipeSettings settings = mysql.settings();
        if (settings != null) {
            new SharedSettings(settings.replicationMode(), settings.syncIntervalSeconds(), settings.pullBatchSize(),
                    settings.initialLoadParallelism(), settings.snapshotNumRowsPerPartition(),
                    settings.snapshotNumberOfParallelTables(), settings.allowNullableColumns(),
                    settings.deleteOnMerge()).prefill(values);
            DatabaseSourceForm.put(values, "settings.replicationMechanism", settings.replicationMechanism());
            DatabaseSourceForm.putOn(values, "settings.useCompression", settings.useCompression());
        }
        Mapping.prefillAll(values, (mysql.tableMappings() == null ? List.<ClickPipeMySQLPipeTableMapping>of()
                : mysql.tableMappings()).stream()
                .map(m -> new Mapping(m.sourceSchemaName(), m.sourceTable(), m.targetTable(), m.excludedColumns(),
                        m.useCustomSortingKey(), m.sortingKeys(), m.tableEngine(), m.partitionKey(), null))
                .toList());
        return values;
    }

    @Override
    public boolean replicatesTables() {
        return true;
    }

    @Override
    public List<WizardField> tableMappingFields(String type) {
        return DatabaseSourceForm.rowFields(ENGINE, false);
    }

    @Override
    public Map<String, String> tableMappingErrors(String type, WizardValues values) {
        return DatabaseSourceForm.rowErrors(ENGINE, tableMappingFields(type), values);
    }
}
