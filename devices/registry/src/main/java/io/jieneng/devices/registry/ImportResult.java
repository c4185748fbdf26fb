package io.jieneng.devices.registry;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * What an import changed, per section of the document ({@code regions}, {@code meters}, ...).
 */
public record ImportResult(Map<String, Counts> sections) {

    /** Entities created, updated, found unchanged and deleted (meters only; shown when any) in one section. */
    public record Counts(int created, int updated, int unchanged,
                         @JsonInclude(JsonInclude.Include.NON_DEFAULT) int deleted) {

        /** A section that deleted nothing. */
        public Counts(int created, int updated, int unchanged) {
            this(created, updated, unchanged, 0);
        }

        public Counts withDeleted(int count) {
            return new Counts(created, updated, unchanged, count);
        }
    }

    /** True when the import wrote nothing. */
    public boolean unchanged() {
        return sections.values().stream().allMatch(c -> c.created() == 0 && c.updated() == 0 && c.deleted() == 0);
    }
}
