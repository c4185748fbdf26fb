package io.jieneng.analytics.alert;

import io.jieneng.analytics.registry.AnalyticsSchema;
import io.jieneng.devices.registry.RegistryDatabase;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The alert tables on an H2 file database, the platform's default registry database. */
class AlertStoreH2Test extends AlertStoreContract {

    @TempDir
    Path dir;

    @Override
    RegistryDatabase freshDatabase() {
        return reopen();
    }

    @Override
    RegistryDatabase reopen() {
        // A @QuarkusTest earlier in the JVM can leave its closed class loader as the context loader, which Flyway
        // scans for migrations; this test's own loader and drivers are put in place first.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(AlertStoreH2Test.class.getClassLoader());
        try {
            Class.forName("org.h2.Driver", true, AlertStoreH2Test.class.getClassLoader());
            return RegistryDatabase.open(RegistryDatabase.h2FileUrl(dir), "sa", "", AnalyticsSchema.LOCATIONS);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the H2 driver is missing from the test class path", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
