package dev.pipedeck.wizard;

import static dev.pipedeck.wizard.DatabaseSourceForm.CHANGE_MODES;
import static dev.pipedeck.wizard.DatabaseSourceForm.LOAD_MODES;
import static dev.pipedeck.wizard.DatabaseSourceForm.MODE;

import java.util.List;
import java.util.Map;

import dev.pipedeck.wizard.DatabaseSourceForm.Flavour;

/**
 * The parts a Postgres and a MySQL source have alike (the server, sign-in and TLS; the replication settings both
 * kinds have; a table mapping), as plain values: read from a pipe to prefill the wizard, or from the wizard's values
 * to build the request. The spec's models for the two kinds are separate types, so each wizard copies its model's
 * fields into these and out of them; what to prefill and what to send is decided here once.
 */
final class DatabaseSourceParts {

    private DatabaseSourceParts() {
    }

    /** The sign-in method typed, refused when the flavour has no such method (the form offers only those). */
    static String authentication(Flavour flavour, WizardValues values) {
        String method = values.get("authentication");
        if (!flavour.authentications().contains(method)) {
            throw new IllegalArgumentException(flavour.label() + " does not sign in with " + method);
        }
        return method;
    }

    /** The server, sign-in and TLS of a pipe's source, for step 1. */
    record Server(String host, Integer port, String authentication, String iamRole, String tlsHost,
            String caCertificate, Boolean disableTls, Boolean skipCertVerification) {

        void prefill(Map<String, String> values) {
            DatabaseSourceForm.put(values, "host", host);
            DatabaseSourceForm.put(values, "port", port);
            String method = authentication == null ? DatabaseSourceForm.BASIC : authentication;
            values.put("authentication", method);
            if (DatabaseSourceForm.IAM_ROLE.equals(method)) {
                DatabaseSourceForm.put(values, "iamRole", iamRole);
            }
            DatabaseSourceForm.put(values, "tlsHost", tlsHost);
            DatabaseSourceForm.put(values, "caCertificate", caCertificate);
            DatabaseSourceForm.putOn(values, "disableTls", disableTls);
            DatabaseSourceForm.putOn(values, "skipCertVerification", skipCertVerification);
        }
    }

    /** The replication settings both kinds have; each is null when it does not apply to the mode. */
    record SharedSettings(String replicationMode, Integer syncIntervalSeconds, Integer pullBatchSize,
            Integer initialLoadParallelism, Integer snapshotNumRowsPerPartition,
            Integer snapshotNumberOfParallelTables, Boolean allowNullableColumns, Boolean deleteOnMerge) {

        /** The settings as the wizard's values have them, each sent only for the modes it applies to. */
        static SharedSettings of(WizardValues values) {
            String mode = values.get(MODE);
            return new SharedSettings(mode,
                    DatabaseSourceForm.integerIn(values, "settings.syncIntervalSeconds", mode, CHANGE_MODES),
                    DatabaseSourceForm.integerIn(values, "settings.pullBatchSize", mode, CHANGE_MODES),
                    DatabaseSourceForm.integerIn(values, "settings.initialLoadParallelism", mode, LOAD_MODES),
                    DatabaseSourceForm.integerIn(values, "settings.snapshotNumRowsPerPartition", mode, LOAD_MODES),
                    DatabaseSourceForm.integerIn(values, "settings.snapshotNumberOfParallelTables", mode,
                            LOAD_MODES),
                    DatabaseSourceForm.onIn(values, "settings.allowNullableColumns", mode, null),
                    DatabaseSourceForm.onIn(values, "settings.deleteOnMerge", mode, CHANGE_MODES));
        }

        void prefill(Map<String, String> values) {
            DatabaseSourceForm.put(values, MODE, replicationMode);
            DatabaseSourceForm.put(values, "settings.syncIntervalSeconds", syncIntervalSeconds);
            DatabaseSourceForm.put(values, "settings.pullBatchSize", pullBatchSize);
            DatabaseSourceForm.put(values, "settings.initialLoadParallelism", initialLoadParallelism);
            DatabaseSourceForm.put(values, "settings.snapshotNumRowsPerPartition", snapshotNumRowsPerPartition);
            DatabaseSourceForm.put(values, "settings.snapshotNumberOfParallelTables", snapshotNumberOfParallelTables);
            DatabaseSourceForm.putOn(values, "settings.allowNullableColumns", allowNullableColumns);
            DatabaseSourceForm.putOn(values, "settings.deleteOnMerge", deleteOnMerge);
        }
    }

    /** One table mapping of a pipe, for a row of step 3 ({@code partitionByExpr} is null where the kind has none). */
    record Mapping(String sourceSchemaName, String sourceTable, String targetTable, List<String> excludedColumns,
            Boolean useCustomSortingKey, List<String> sortingKeys, String tableEngine, String partitionKey,
            String partitionByExpr) {

        void prefill(Map<String, String> values, int row) {
            DatabaseSourceForm.putRow(values, row, "sourceSchemaName", sourceSchemaName);
            DatabaseSourceForm.putRow(values, row, "sourceTable", sourceTable);
            DatabaseSourceForm.putRow(values, row, "targetTable", targetTable);
            DatabaseSourceForm.putRow(values, row, "excludedColumns", excludedColumns);
            if (!Boolean.FALSE.equals(useCustomSortingKey)) {
                DatabaseSourceForm.putRow(values, row, "sortingKeys", sortingKeys);
            }
            DatabaseSourceForm.putRow(values, row, "tableEngine", tableEngine);
            DatabaseSourceForm.putRow(values, row, "partitionKey", partitionKey);
            DatabaseSourceForm.putRow(values, row, "partitionByExpr", partitionByExpr);
        }

        /** A filled row as it is sent: empty lists left out, a custom sorting key only when one is typed. */
        static Mapping of(DatabaseSourceForm.Row row) {
            return new Mapping(row.schema(), row.table(), row.target(),
                    DatabaseSourceForm.listOrNull(row.excludedColumns()),
                    row.sortingKeys().isEmpty() ? null : Boolean.TRUE,
                    DatabaseSourceForm.listOrNull(row.sortingKeys()), row.tableEngine(), row.partitionKey(),
                    row.partitionByExpr());
        }

        /** Each mapping of a pipe into its row, in order. */
        static void prefillAll(Map<String, String> values, List<Mapping> mappings) {
            for (int row = 0; row < mappings.size(); row++) {
                mappings.get(row).prefill(values, row);
            }
        }
    }
}
