package io.jieneng.ingest;

import io.jieneng.devices.registry.RegistryDatabase;

import java.util.List;

/**
 * The Flyway migrations of the tables ingest owns in the registry database (the quarantine, V2), kept with the code
 * that uses them, and the locations a process running ingest migrates.
 */
public final class IngestSchema {

    /** Ingest's own migrations on the classpath. */
    public static final String MIGRATIONS = "classpath:db/ingest";
    /** What a standalone ingest migrates: the registry's tables, then its own. */
    public static final List<String> LOCATIONS = List.of(RegistryDatabase.MIGRATIONS, MIGRATIONS);

    private IngestSchema() {
    }
}
