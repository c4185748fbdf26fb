package io.jieneng.ingest;

import io.jieneng.ingest.testing.TestSettings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer count key; what 0 (auto) means per store is tested with the store layer (StoresTest). */
class WritersKeyTest {

    @Test
    void theWritersKeyIsReadAndDefaultsToAuto() {
        assertThat(TestSettings.ingest(Map.<String, String>of()).storeWriters()).isZero();
        assertThat(TestSettings.ingest(Map.of("JIENENG_INGEST_WRITERS", "6")).storeWriters()).isEqualTo(6);
    }
}
