package dev.pipedeck.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * The Postgres wizard against the published spec ({@link DatabaseWizardContract} for what it shares with MySQL), and
 * what only Postgres has: the database, the publication, and a replication slot of one's own only with cdc_only.
 */
class PostgresWizardTest extends DatabaseWizardContract {

    private final PostgresWizard wizard = new PostgresWizard();

    @Override
    SourceWizard wizard() {
        return wizard;
    }

    @Override
    String sourceSchema() {
        return "ClickPipeMutatePostgresSource";
    }

    @Override
    String settingsSchema() {
        return "ClickPipePostgresPipeSettings";
    }

    @Override
    String mappingSchema() {
        return "ClickPipePostgresPipeTableMapping";
    }

    @Override
    Set<String> awsFlavours() {
        return Set.of("rdspostgres", "aurorapostgres");
    }

    @Override
    Map<String, String> ownSamples() {
        return Map.of("database", "shop", "settings.publicationName", "clickpipes_pub",
                "settings.replicationSlotName", "clickpipes_slot");
    }

    @Override
    Map<String, String> ownRowSamples() {
        return Map.of("partitionByExpr", "toYYYYMM(created_at)");
    }

    @Override
    Map<String, String> sourcePropertiesNotFields() {
        return Map.of("type", "the tile chosen", "tableMappings", "the rows of the Destination step");
    }

    @Override
    String namespaceSample() {
        return "public";
    }

    @Override
    Set<String> notPrefilled() {
        return Set.of("credentials.username", "settings.replicationSlotName");
    }

    @Override
    void assertKindSpecifics(String type, Scenario scenario, JsonNode source) {
        assertThat(source.path("database").asString()).isEqualTo("shop");
        JsonNode settings = source.path("settings");
        boolean follows = !scenario.mode().equals("snapshot");
        assertThat(settings.has("publicationName")).isEqualTo(follows && scenario.everything());
        assertThat(settings.has("replicationSlotName"))
                .isEqualTo(scenario.mode().equals("cdc_only") && scenario.everything());
        assertThat(settings.has("enableFailoverSlots")).as("failover only for a slot ClickPipes creates")
                .isEqualTo(scenario.mode().equals("cdc") && scenario.everything());
        assertThat(source.path("tableMappings").get(0).has("partitionByExpr")).isEqualTo(scenario.everything());
    }

    @Test
    void aReplicationSlotOfOnesOwnGoesOnlyWithCdcOnly() {
        WizardField slot = field(wizard.dataFields("postgres"), "settings.replicationSlotName");
        assertThat(slot.shownWhen()).isEqualTo(Map.of(DatabaseSourceForm.MODE, Set.of("cdc_only")));
        assertThat(slot.required()).isFalse();

        for (String mode : new String[] {"cdc", "snapshot"}) {
            WizardValues typed = fill("postgres", "basic", new Scenario(mode, false))
                    .with(Map.of("settings.replicationSlotName", "my_slot"), Map.of());
            assertThat(wizard.crossFieldErrors(2, "postgres", typed)).as(mode)
                    .containsOnlyKeys("settings.replicationSlotName");
            assertThat(wizard.crossFieldErrors(2, "postgres", typed).get("settings.replicationSlotName"))
                    .contains("cdc_only");
        }
        WizardValues cdcOnly = fill("postgres", "basic", new Scenario("cdc_only", false));
        assertThat(wizard.crossFieldErrors(2, "postgres", cdcOnly.with(Map.of("settings.replicationSlotName",
                "My-Slot"), Map.of()))).containsOnlyKeys("settings.replicationSlotName");
        assertThat(wizard.crossFieldErrors(2, "postgres", cdcOnly.with(Map.of("settings.replicationSlotName",
                "my_slot", "settings.enableFailoverSlots", "true"), Map.of())))
                .containsOnlyKeys("settings.enableFailoverSlots");
        assertThat(wizard.crossFieldErrors(2, "postgres", cdcOnly.with(Map.of("settings.replicationSlotName",
                "my_slot"), Map.of()))).isEmpty();
    }

    @Test
    void theDatabaseIsRequiredAndAPostgresName() {
        WizardField database = field(wizard.connectionFields("neon"), "database");
        assertThat(database.required()).isTrue();
        WizardValues tooLong = fill("neon", "basic", SCENARIOS.get(0)).with(Map.of("database", "d".repeat(64)),
                Map.of());
        assertThat(wizard.crossFieldErrors(1, "neon", tooLong)).containsOnlyKeys("database");
    }
}
