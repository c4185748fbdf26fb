package io.jieneng.analytics.registry;

import io.jieneng.ingest.IngestSchema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The Flyway migrations of the tables analytics owns in the registry database (rollup state V3, alerts V4), kept
 * with the code that uses them, and the locations the platform migrates: it runs ingest in-process, so ingest's
 * tables too.
 */
public final class AnalyticsSchema {

    /** Analytics' own migrations on the classpath. */
    public static final String MIGRATIONS = "classpath:db/analytics";
    /** What the platform migrates: the registry's tables, ingest's, then its own. */
    public static final List<String> LOCATIONS = locations();

    private AnalyticsSchema() {
    }

    private static List<String> locations() {
        List<String> all = new ArrayList<>(IngestSchema.LOCATIONS);
        all.add(MIGRATIONS);
        return Collections.unmodifiableList(all);
    }
}
