package dev.pipedeck.wizard;

import java.util.List;
import java.util.Map;

import dev.pipedeck.cloud.clickpipe.ClickPipe;
import dev.pipedeck.cloud.clickpipe.ClickPipePostSource;
import dev.pipedeck.cloud.clickpipe.ClickPipeSchemaDiscoverySource;

/**
 * One source kind's wizard (Kafka, Kinesis, Pub/Sub, …): the fields of its connection step (1) and data step (2), the
 * rules between them that single fields cannot say, and how the typed values become the API's {@code source}. The
 * destination (3), scaling and settings (4) and review (5) steps are shared.
 */
public interface SourceWizard {

    /** The source's wire name under {@code source}: {@code kafka}, {@code kinesis}, {@code pubsub}, …. */
    String kind();

    /** The tiles this wizard offers on the start page: one per type (Kafka's flavours) or just one. */
    List<SourceTile> tiles();

    /** Step 1: where the data lives and how to sign in to it, for the given tile's type (null for kinds without types). */
    List<WizardField> connectionFields(String type);

    /** Step 2: what to read (topics, stream, format, offsets…). */
    List<WizardField> dataFields(String type);

    /**
     * Rules across fields that the field declarations cannot express (e.g. a timestamp required only for one offset
     * strategy when it is not already said by {@code shownWhen}), for the given step (1 or 2): field name → message.
     */
    Map<String, String> crossFieldErrors(int step, String type, WizardValues values);

    /** The {@code source} of the create body, from valid values (secrets included). */
    ClickPipePostSource source(String type, WizardValues values);

    /** The source for {@code POST …/clickpipes/schemaDiscovery}, or null when this kind cannot be sampled. */
    ClickPipeSchemaDiscoverySource discoverySource(String type, WizardValues values);

    /**
     * Before what was posted for a step is saved: moves secrets typed into plain fields (a password inside a
     * connection URI) into their secret fields, changing the two maps in place, so that such a secret is never kept,
     * shown or checked as a plain value. Most kinds have nothing to move.
     */
    default void separateSecrets(int step, String type, Map<String, String> plain, Map<String, String> secrets) {
    }

    /** Values (never secrets) that pre-fill this wizard from an existing pipe of this kind, for "Duplicate". */
    Map<String, String> prefill(ClickPipe pipe);

    /**
     * Whether this kind replicates tables (Postgres, MySQL, MongoDB, BigQuery): then step 3 asks for the target
     * database and the table mappings (rows {@code tables.N.<field>}, which {@link #source} reads into the source's
     * {@code tableMappings}), and step 4 has no per-pipe scaling (database pipes share the service's CDC capacity).
     */
    default boolean replicatesTables() {
        return false;
    }

    /** For kinds that replicate tables: the fields of one table mapping row, named relative to the row. */
    default List<WizardField> tableMappingFields(String type) {
        return List.of();
    }

    /**
     * For kinds that replicate tables: rules across the rows (duplicate targets, names), keyed by the row field
     * ({@code tables.N.targetTable}) or {@code tables} for the whole list.
     */
    default Map<String, String> tableMappingErrors(String type, WizardValues values) {
        return Map.of();
    }
}
