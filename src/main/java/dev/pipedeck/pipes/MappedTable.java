package dev.pipedeck.pipes;

import java.util.List;

/**
 * One table mapping of a database pipe, whatever its kind: where it reads from ({@code namespace} is the Postgres
 * schema, the MySQL database or the MongoDB database; {@code table} the table or collection), the ClickHouse table it
 * writes, and the options the spec offers (empty lists and nulls where not set or not applicable).
 */
public record MappedTable(String namespace, String table, String target, String engine, List<String> excludedColumns,
        List<String> sortingKeys, String partitionKey, String partitionByExpr) {

    public MappedTable {
        excludedColumns = excludedColumns == null ? List.of() : List.copyOf(excludedColumns);
        sortingKeys = sortingKeys == null ? List.of() : List.copyOf(sortingKeys);
    }

    static MappedTable of(String namespace, String table, String target) {
        return new MappedTable(namespace, table, target, null, List.of(), List.of(), null, null);
    }

    /** {@code public.orders → public_orders}. */
    public String label() {
        return source() + " → " + target;
    }

    /** {@code public.orders}. */
    public String source() {
        return (namespace == null ? "" : namespace + ".") + table;
    }

    /** The options that are set, as one line ({@code excluded: a, b · sorting key: id}), or empty. */
    public String options() {
        StringBuilder text = new StringBuilder();
        if (!excludedColumns.isEmpty()) {
            text.append("excluded: ").append(String.join(", ", excludedColumns));
        }
        if (!sortingKeys.isEmpty()) {
            text.append(text.isEmpty() ? "" : " · ").append("sorting key: ").append(String.join(", ", sortingKeys));
        }
        if (partitionKey != null && !partitionKey.isBlank()) {
            text.append(text.isEmpty() ? "" : " · ").append("partition key: ").append(partitionKey);
        }
        if (partitionByExpr != null && !partitionByExpr.isBlank()) {
            text.append(text.isEmpty() ? "" : " · ").append("PARTITION BY ").append(partitionByExpr);
        }
        return text.toString();
    }
}
