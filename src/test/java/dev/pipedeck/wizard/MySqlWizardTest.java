package dev.pipedeck.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.pipedeck.testsupport.OpenApiSpec;
import tools.jackson.databind.JsonNode;

/**
 * The MySQL wizard against the published spec ({@link DatabaseWizardContract} for what it shares with Postgres), and
 * what only MySQL has: no database field, the server id, compression, and the replication mechanism — GTID only for
 * MariaDB.
 */
class MySqlWizardTest extends DatabaseWizardContract {

    private final MySqlWizard wizard = new MySqlWizard();

    @Override
    SourceWizard wizard() {
        return wizard;
    }

    @Override
    String sourceSchema() {
        return "ClickPipeMutateMySQLSource";
    }

    @Override
    String settingsSchema() {
        return "ClickPipeMySQLPipeSettings";
    }

    @Override
    String mappingSchema() {
        return "ClickPipeMySQLPipeTableMapping";
    }

    @Override
    Set<String> awsFlavours() {
        return Set.of("rdsmysql", "auroramysql", "rdsmariadb");
    }

    @Override
    Map<String, String> ownSamples() {
        return Map.of("serverId", "4294967295");
    }

    @Override
    Map<String, String> ownRowSamples() {
        return Map.of();
    }

    @Override
    Map<String, String> sourcePropertiesNotFields() {
        return Map.of("type", "the tile chosen", "tableMappings", "the rows of the Destination step");
    }

    @Override
    String namespaceSample() {
        return "shop";
    }

    @Override
    Set<String> notPrefilled() {
        return Set.of("credentials.username", "serverId");
    }

    @Override
    void assertKindSpecifics(String type, Scenario scenario, JsonNode source) {
        assertThat(source.has("database")).as("the spec's MySQL source has no database").isFalse();
        boolean follows = !scenario.mode().equals("snapshot");
        assertThat(source.has("serverId")).isEqualTo(follows && scenario.everything());
        if (source.has("serverId")) {
            assertThat(source.path("serverId").asLong()).isEqualTo(4_294_967_295L);
        }
        JsonNode settings = source.path("settings");
        assertThat(settings.path("replicationMechanism").asString(null))
                .isEqualTo(follows && scenario.everything() ? "GTID" : null);
        assertThat(settings.has("useCompression")).isEqualTo(scenario.everything());
        assertThat(source.path("tableMappings").get(0).has("partitionByExpr")).isFalse();
    }

    @Test
    void mariaDbReplicatesByGtidOnlyAndMySqlOffersTheSpecsMechanisms() {
        OpenApiSpec spec = OpenApiSpec.loadOrSkip();
        for (String type : types()) {
            WizardField mechanism = field(wizard.dataFields(type), "settings.replicationMechanism");
            assertThat(mechanism.required()).isFalse();
            assertThat(values(mechanism)).as(type).containsExactlyElementsOf(MySqlWizard.MARIADB.contains(type)
                    ? java.util.List.of("GTID") : spec.enumOf("ClickPipeMySQLPipeSettings", "replicationMechanism"));
        }
        WizardValues filePos = fill("mariadb", "basic", SCENARIOS.get(0))
                .with(Map.of("settings.replicationMechanism", "FILE_POS"), Map.of());
        assertThat(wizard.crossFieldErrors(2, "mariadb", filePos)).containsOnlyKeys("settings.replicationMechanism");
    }

    @Test
    void thereIsNoDatabaseFieldAndTheServerIdHasTheSpecsRange() {
        assertThat(names(wizard.connectionFields("mysql"))).doesNotContain("database");
        WizardField serverId = field(wizard.dataFields("mysql"), "serverId");
        assertThat(serverId.shownWhen()).isEqualTo(Map.of(DatabaseSourceForm.MODE, Set.of("cdc", "cdc_only")));
        assertThat(FieldValidation.error(serverId, new WizardValues(Map.of("serverId", "4294967296"), Map.of())))
                .isEqualTo("Server id must be from 1 to 4294967295.");
        assertThat(field(wizard.tableMappingFields("mysql"), "sourceSchemaName").label()).isEqualTo("Source database");
    }
}
