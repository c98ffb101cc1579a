package dev.pipedeck.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.pipedeck.cloud.clickpipe.ClickPipeDestination;
import dev.pipedeck.cloud.clickpipe.ClickPipePostRequest;
import dev.pipedeck.wizard.BigQueryWizard;
import dev.pipedeck.wizard.MongoDbWizard;
import dev.pipedeck.wizard.WizardValues;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the MongoDB and BigQuery wizards send, the sandbox takes: a person exploring with the sandbox can create every
 * variant the wizards offer (the sandbox's rules are held to the spec elsewhere; this holds them to the wizards).
 */
class SandboxTakesDocumentAndWarehouseWizardBodiesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY_FILE = """
            {"type":"service_account","project_id":"acme-warehouse","private_key_id":"k1",
             "private_key":"-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----\\n",
             "client_email":"clickpipes@acme-warehouse.iam.gserviceaccount.com"}""";

    @ParameterizedTest
    @ValueSource(strings = {"cdc verify", "cdc_only noVerify", "snapshot off"})
    void everyMongoDbVariantIsCreated(String variant) {
        String[] choices = variant.split(" ");
        Map<String, String> plain = new LinkedHashMap<>();
        plain.put("uri", "mongodb://db-1.example.com:27017,db-2.example.com:27017/?replicaSet=rs0");
        plain.put("readPreference", "nearest");
        plain.put("credentials.username", "clickpipes");
        plain.put("tls", choices[1]);
        plain.put("tlsHost", "db.example.com");
        plain.put("settings.replicationMode", choices[0]);
        plain.put("settings.syncIntervalSeconds", "10");
        plain.put("settings.pullBatchSize", "1000");
        plain.put("settings.snapshotNumRowsPerPartition", "5000");
        plain.put("settings.snapshotNumberOfParallelTables", "3");
        plain.put("settings.deleteOnMerge", "false");
        plain.put("settings.useJsonNativeFormat", "true");
        plain.put("tables.0.sourceDatabaseName", "shop");
        plain.put("tables.0.sourceCollection", "orders");
        plain.put("tables.0.targetTable", "shop_orders");
        plain.put("tables.0.tableEngine", "Null");
        plain.put("tables.1.sourceDatabaseName", "shop");
        plain.put("tables.1.sourceCollection", "carts");
        plain.put("tables.1.targetTable", "shop_carts");
        WizardValues values = new WizardValues(plain, Map.of("credentials.password", "s3cret"));

        JsonNode body = body(new MongoDbWizard().source(null, values));

        assertThat(PipeRules.create(body)).isEqualTo(SourceKind.MONGODB);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyBigQueryVariantIsCreated(boolean everything) {
        Map<String, String> plain = new LinkedHashMap<>();
        plain.put("snapshotStagingPath", "gs://acme-staging/bigquery/");
        plain.put("settings.replicationMode", "snapshot");
        plain.put("tables.0.sourceDatasetName", "sales");
        plain.put("tables.0.sourceTable", "orders");
        plain.put("tables.0.targetTable", "sales_orders");
        if (everything) {
            plain.put("settings.allowNullableColumns", "false");
            plain.put("settings.initialLoadParallelism", "8");
            plain.put("settings.snapshotNumRowsPerPartition", "250000");
            plain.put("settings.snapshotNumberOfParallelTables", "4");
            plain.put("tables.0.excludedColumns", "card_number");
            plain.put("tables.0.sortingKeys", "order_day, order_id");
            plain.put("tables.0.tableEngine", "ReplacingMergeTree");
            plain.put("tables.1.sourceDatasetName", "sales");
            plain.put("tables.1.sourceTable", "daily revenue");
            plain.put("tables.1.targetTable", "sales_daily_revenue");
            plain.put("tables.1.sortingKeys", "day");
        }
        WizardValues values = new WizardValues(plain, Map.of("serviceAccountKey", KEY_FILE));

        JsonNode body = body(new BigQueryWizard().source(null, values));

        assertThat(PipeRules.create(body)).isEqualTo(SourceKind.BIGQUERY);
        assertThat(Base64.getDecoder().decode(body.at("/source/bigquery/credentials/serviceAccountFile").asString()))
                .isEqualTo(KEY_FILE.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode body(dev.pipedeck.cloud.clickpipe.ClickPipePostSource source) {
        return JSON.valueToTree(ClickPipePostRequest.of("from the wizard", source,
                new ClickPipeDestination("analytics", null, null, null, null, List.of("ingest"))));
    }
}
