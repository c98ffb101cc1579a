package dev.pipedeck.wizard;

/**
 * A tile on the start page: the group it sits in ({@code Streaming}, {@code Object storage}, {@code Databases}), its
 * label, and the source kind and type it starts a wizard for.
 */
public record SourceTile(String group, String label, String kind, String type, String description) {
}
