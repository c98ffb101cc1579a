package dev.pipedeck.wizard;

import java.util.List;

/** The start page's tiles for the kinds whose wizards are still to come, shown so people know they are planned. */
final class SourceTiles {

    private static final List<SourceTile> PLANNED = List.of(
            new SourceTile("Object storage", "Amazon S3", "objectStorage", "s3", "Files from S3 buckets.", false),
            new SourceTile("Object storage", "Google Cloud Storage", "objectStorage", "gcs", "Files from GCS.", false),
            new SourceTile("Object storage", "Azure Blob Storage", "objectStorage", "azureblobstorage",
                    "Files from Azure containers.", false),
            new SourceTile("Object storage", "DigitalOcean Spaces", "objectStorage", "dospaces", "Files from Spaces.",
                    false),
            new SourceTile("Object storage", "Cloudflare R2", "objectStorage", "r2", "Files from R2 buckets.", false),
            new SourceTile("Object storage", "OVH Object Storage", "objectStorage", "ovh", "Files from OVH.", false),
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
