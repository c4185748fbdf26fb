package io.jieneng.ingest;

import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.RegistryDatabase;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.devices.registry.RegistryStore;
import io.jieneng.devices.security.SecretHasher;
import io.jieneng.ingest.testing.TestRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The standalone ingest sees an import (a disabled meter) at its next poll, against a real H2 registry. */
class RegistryReloadTest {

    static final String SECRET = "9f2c6a1e4b7d8c03e5f1a2b3c4d5e6f7";

    static RegistryDocument withMain(boolean disabled) {
        RegistryDocument d = TestRegistry.document();
        Meter m = d.meters().get(0);
        return new RegistryDocument(d.regions(), d.institutions(), List.of(new Meter(m.id(), m.institution(),
                m.type(), m.role(), m.subitem(), m.capacityKwp(), m.intervalSeconds(), m.commissioned(), SECRET,
                disabled)), List.of(), null, null, null, null);
    }

    @Test
    void aPollLoadsOnlyWhenTheChangeStampMovedAndThenSeesTheDisabledMeter() {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (RegistryDatabase db = RegistryDatabase.open(url, "", "", IngestSchema.LOCATIONS)) {
            RegistryStore store = db.store(new SecretHasher(4));
            store.importDocument(withMain(false));
            RegistryReload reload = new RegistryReload(store);
            assertThat(reload.current().meter(TestRegistry.MAIN).orElseThrow().disabled()).isFalse();
            var first = reload.current();
            assertThat(reload.poll()).isFalse();
            assertThat(reload.current()).isSameAs(first);

            store.importDocument(withMain(true));
            assertThat(reload.poll()).isTrue();
            assertThat(reload.current().meter(TestRegistry.MAIN).orElseThrow().disabled()).isTrue();
            assertThat(reload.poll()).isFalse();
        }
    }
}
