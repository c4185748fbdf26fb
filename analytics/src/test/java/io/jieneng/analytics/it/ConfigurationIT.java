package io.jieneng.analytics.it;

import io.jieneng.analytics.node.InProcessIngest;
import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.store.StoreKind;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In Quarkus, the platform's mapping carries the ingest's keys: the test profile's {@code jieneng.mqtt.*} and
 * {@code jieneng.bcrypt-cost} (application.properties) and the test resource's store reach the in-process ingest.
 */
@QuarkusTest
@WithTestResource(value = FreshPlatform.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ConfigurationIT {

    @Inject
    JienengConfig config;

    @Inject
    InProcessIngest ingest;

    @Test
    void theIngestKeysReachTheInProcessIngest() {
        assertThat(config.mqtt().port()).isZero();
        assertThat(config.mqtt().host()).isEqualTo("127.0.0.1");
        assertThat(config.bcryptCost()).isEqualTo(4);
        assertThat(config.store()).isEqualTo(StoreKind.QUESTDB);
        assertThat(config.rollup().intervalSeconds()).isEqualTo(1);
        // Port 0 bound a free port, so the listener did not take the default 1883.
        assertThat(ingest.port()).isPresent();
        assertThat(ingest.port().getAsInt()).isPositive().isNotEqualTo(1883);
    }
}
