package io.jieneng.devices.registry;

import java.util.Map;

/**
 * What an import changed, per section of the document ({@code regions}, {@code meters}, ...).
 */
public record ImportResult(Map<String, Counts> sections) {

    /** Entities created, updated and found unchanged in one section. */
    public record Counts(int created, int updated, int unchanged) {
    }

    /** True when the import wrote nothing. */
    public boolean unchanged() {
        return sections.values().stream().allMatch(c -> c.created() == 0 && c.updated() == 0);
    }
}
