package io.jieneng.analytics.rollup;

import io.jieneng.analytics.registry.AnalyticsSchema;
import io.jieneng.devices.registry.RegistryDatabase;

import java.nio.file.Path;

/** Opens a registry database (the job's state lives there) from a plain test in a JVM shared with Quarkus tests. */
final class StateDatabase {

    private StateDatabase() {
    }

    /**
     * An H2 file database under {@code dir}. When a {@code @QuarkusTest} ran earlier in the same JVM, the context
     * class loader can still be its (closed) one, which Flyway scans for migrations, and DriverManager may have
     * registered only that loader's H2 driver; this test's own loader and driver are put in place first.
     */
    static RegistryDatabase open(Path dir) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(StateDatabase.class.getClassLoader());
        try {
            registerDrivers();
            return RegistryDatabase.open(RegistryDatabase.h2FileUrl(dir), "sa", "", AnalyticsSchema.LOCATIONS);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Registers this loader's H2 and PostgreSQL (QuestDB's wire) drivers with DriverManager. */
    static void registerDrivers() {
        try {
            Class.forName("org.h2.Driver", true, StateDatabase.class.getClassLoader());
            Class.forName("org.postgresql.Driver", true, StateDatabase.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a JDBC driver is missing from the test class path", e);
        }
    }
}
