package io.jieneng.analytics.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class on its own platform (see {@link FreshPlatform}) with the test registry imported once. The set-up
 * runs in {@code @BeforeEach}, not {@code @BeforeAll}: Quarkus points RestAssured at the app's random port only
 * around each test method.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PlatformTest {

    private boolean prepared;

    @BeforeEach
    void prepareOnce() throws Exception {
        if (prepared) {
            return;
        }
        prepared = true;
        Api.importRegistry(registryResource());
        afterRegistryImport();
    }

    /** The registry document imported before the first test, a test resource path. */
    protected String registryResource() {
        return "/it-registry.json";
    }

    /** More set-up, once, after the registry is in place. */
    protected void afterRegistryImport() throws Exception {
    }
}
