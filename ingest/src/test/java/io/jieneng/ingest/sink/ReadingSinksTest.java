package io.jieneng.ingest.sink;

import io.jieneng.ingest.testing.TestSettings;
import static org.assertj.core.api.Assertions.assertThat;

import io.jieneng.ingest.IngestConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadingSinksTest {

    private static final StoreSettings QUESTDB = StoreSettings.questDb("http://127.0.0.1:9", "");
    private static final StoreSettings INFLUXDB = StoreSettings.influxDb("http://127.0.0.1:9", "db", null, null);

    @Test
    void influxDbGetsFourWritersAndQuestDbOneUnlessConfigured() {
        assertThat(ReadingSinks.writers(INFLUXDB, 0)).isEqualTo(4);
        assertThat(ReadingSinks.writers(QUESTDB, 0)).isEqualTo(1);
        assertThat(ReadingSinks.writers(INFLUXDB, 2)).isEqualTo(2);
        assertThat(ReadingSinks.writers(QUESTDB, 3)).isEqualTo(3);
    }

    @Test
    void theWritersKeyIsReadAndDefaultsToAuto() {
        assertThat(TestSettings.ingest(Map.<String, String>of()).storeWriters()).isZero();
        assertThat(TestSettings.ingest(Map.of("JIENENG_INGEST_WRITERS", "6")).storeWriters()).isEqualTo(6);
    }

    @Test
    void everyWriterGetsItsOwnSink() {
        List<ReadingSink> sinks = ReadingSinks.createAll(QUESTDB, () -> null, 3);
        try {
            assertThat(sinks).hasSize(3).doesNotHaveDuplicates();
        } finally {
            sinks.forEach(ReadingSink::close);
        }
    }
}
