package dev.pipedeck.wizard;

import java.util.List;

/** The start page's tiles for the kinds whose wizards are still to come, shown so people know they are planned. */
final class SourceTiles {

    private static final List<SourceTile> PLANNED = List.of(
            new SourceTile("Databases", "Postgres CDC", "postgres", "postgres", "Replicate Postgres tables.", false),
            new SourceTile("Databases", "MySQL CDC", "mysql", "mysql", "Replicate MySQL tables.", false),
            new SourceTile("Databases", "MongoDB CDC", "mongodb", "mongodb", "Replicate MongoDB collections.", false),
            new SourceTile("Databases", "BigQuery", "bigquery", "bigquery", "Copy BigQuery datasets.", false));

    private SourceTiles() {
    }

    /** The planned tiles for kinds no wizard covers yet. */
    static List<SourceTile> upcoming(List<SourceTile> offered) {
        return PLANNED.stream().filter(tile -> offered.stream().noneMatch(o -> o.kind().equals(tile.kind())))
                .toList();
    }
}
