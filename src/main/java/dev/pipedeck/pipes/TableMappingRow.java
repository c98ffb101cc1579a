package dev.pipedeck.pipes;

/**
 * One table mapping to add, as typed: where it reads from (schema or database, and table or collection), the
 * ClickHouse table it writes, and the options the spec offers for the source kind. Column lists are comma-separated.
 */
public class TableMappingRow {

    private String sourceNamespace = "";
    private String sourceTable = "";
    private String targetTable = "";
    private String tableEngine = "";
    private String excludedColumns = "";
    private String sortingKeys = "";
    private String partitionKey = "";
    private String partitionByExpr = "";

    public String getSourceNamespace() {
        return sourceNamespace;
    }

    public void setSourceNamespace(String sourceNamespace) {
        this.sourceNamespace = sourceNamespace;
    }

    public String getSourceTable() {
        return sourceTable;
    }

    public void setSourceTable(String sourceTable) {
        this.sourceTable = sourceTable;
    }

    public String getTargetTable() {
        return targetTable;
    }

    public void setTargetTable(String targetTable) {
        this.targetTable = targetTable;
    }

    public String getTableEngine() {
        return tableEngine;
    }

    public void setTableEngine(String tableEngine) {
        this.tableEngine = tableEngine;
    }

    public String getExcludedColumns() {
        return excludedColumns;
    }

    public void setExcludedColumns(String excludedColumns) {
        this.excludedColumns = excludedColumns;
    }

    public String getSortingKeys() {
        return sortingKeys;
    }

    public void setSortingKeys(String sortingKeys) {
        this.sortingKeys = sortingKeys;
    }

    public String getPartitionKey() {
        return partitionKey;
    }

    public void setPartitionKey(String partitionKey) {
        this.partitionKey = partitionKey;
    }

    public String getPartitionByExpr() {
        return partitionByExpr;
    }

    public void setPartitionByExpr(String partitionByExpr) {
        this.partitionByExpr = partitionByExpr;
    }

    /** Nothing typed at all: the row is ignored. */
    boolean isBlank() {
        return blank(sourceNamespace) && blank(sourceTable) && blank(targetTable) && blank(tableEngine)
                && blank(excludedColumns) && blank(sortingKeys) && blank(partitionKey) && blank(partitionByExpr);
    }

    /** Whether any of the options behind "More options" was filled in (the page then shows them open). */
    public boolean hasOptions() {
        return !blank(excludedColumns) || !blank(sortingKeys) || !blank(partitionKey) || !blank(partitionByExpr);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
