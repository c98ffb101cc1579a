package dev.pipedeck.cloud.clickpipe;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Destination of a ClickPipe (schemas {@code ClickPipeDestination} and {@code ClickPipeMutateDestination}).
 * Database pipes (postgres, mysql, mongodb, bigquery) take only {@code database}; the others take {@code table},
 * {@code managedTable}, {@code tableDefinition} and {@code columns}.
 *
 * @param database Destination database.
 * @param table Destination table.
 * @param managedTable Is the table managed by ClickPipes? Required field for all pipe types except database pipes
 *     (Postgres, MySQL, BigQuery).
 * @param tableDefinition The table to create when {@code managedTable} is true.
 * @param columns Columns of the destination table.
 * @param roles Optional.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClickPipeDestination(
        String database,
        String table,
        Boolean managedTable,
        ClickPipeDestinationTableDefinition tableDefinition,
        List<ClickPipeDestinationColumn> columns,
        List<String> roles) {

    /** Destination of a database pipe: the ClickHouse database that receives the replicated tables. */
    public static ClickPipeDestination database(String database) {
        return new ClickPipeDestination(database, null, null, null, null, null);
    }

    /** Destination of a streaming or object storage pipe writing into a table that ClickPipes creates and manages. */
    public static ClickPipeDestination managedTable(String table, ClickPipeDestinationTableDefinition tableDefinition,
            List<ClickPipeDestinationColumn> columns) {
        return new ClickPipeDestination(null, table, true, tableDefinition, columns, null);
    }
}
