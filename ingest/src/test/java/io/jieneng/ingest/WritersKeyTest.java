package io.jieneng.ingest;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer count key; what 0 (auto) means per store is tested with the store layer (StoresTest). */
class WritersKeyTest {

    @Test
    void theWritersKeyIsReadAndDefaultsToAuto() {
        assertThat(IngestConfig.fromLookup(Map.<String, String>of()::get).storeWriters()).isZero();
        assertThat(IngestConfig.fromLookup(Map.of("JIENENG_INGEST_WRITERS", "6")::get).storeWriters()).isEqualTo(6);
    }
}
